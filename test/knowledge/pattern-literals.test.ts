import { describe, expect, it } from 'vitest';
import { requiredLiterals } from '../../src/knowledge/pattern-literals.js';

describe('requiredLiterals', () => {
  it.each([
    ['Unable to create token for CNI kubeconfig.*Unauthorized', ['unable to create token for cni kubeconfig']],
    ['open /etc/ssl/etcd/ssl/node-\\S+\\.pem', ['open /etc/ssl/etcd/ssl/node-']],
    ['(database space exceeded|no space)', ['database space exceeded', 'no space']],
    ['x509: certificate (has expired|is not yet valid)', ['x509: certificate ']],
    ['colou?r matters', ['r matters']],
  ])('%s', (pattern, expected) => {
    expect(requiredLiterals(pattern)).toEqual(expected);
  });

  it('gives nothing when an alternative has no literal', () => {
    expect(requiredLiterals('foo|\\d+')).toEqual([]);
  });
});
