import { describe, expect, it } from 'vitest';
import { MAX_LITERAL_CHARS, requiredLiterals } from '../../src/diagnose/pattern-literals.js';

describe('requiredLiterals', () => {
  it.each([
    ['Unable to create token for CNI kubeconfig.*Unauthorized', ['unable to create token f']],
    ['open /etc/ssl/etcd/ssl/node-\\S+\\.pem', ['open /etc/ssl/etcd/ssl/n']],
    ['(database space exceeded|no space)', ['database space exceeded', 'no space']],
    ['x509: certificate (has expired|is not yet valid)', ['x509: certificate ']],
    ['colou?r matters', ['r matters']],
  ])('%s', (pattern, expected) => {
    expect(requiredLiterals(pattern)).toEqual(expected);
  });

  it('keeps at most MAX_LITERAL_CHARS of a literal', () => {
    expect(requiredLiterals('a'.repeat(100))[0]).toHaveLength(MAX_LITERAL_CHARS);
  });

  it('gives nothing when an alternative has no literal', () => {
    expect(requiredLiterals('foo|\\d+')).toEqual([]);
  });
});
