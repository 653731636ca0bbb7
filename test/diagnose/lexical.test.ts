import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/diagnose.js';
import { shippedKnowledge } from '../helpers/kb.js';

describe('lexical neighbours (BM25 over the knowledge base text)', () => {
  it('a no-match names the closest entries honestly, without evidence or score, and stays a no-match', async () => {
    const kb = await shippedKnowledge();
    const result = diagnose('Error: the namespace cannot be deleted, it is stuck with finalizers remaining for days', kb);
    expect(result.verdict).toBe('no-match');
    expect(result.matches.length).toBeGreaterThan(0);
    expect(result.matches[0]?.id).toBe('namespace-stuck-terminating');
    for (const m of result.matches) expect(m).toMatchObject({ basis: 'lexical', score: 0, matched: false, evidence: [] });
  });

  it('fills the runner-ups after the signature candidates, never before them', async () => {
    const kb = await shippedKnowledge();
    const paste =
      'Error from server: etcdserver: mvcc: database space exceeded\nError: etcd cluster is unavailable or misconfigured, request timed out';
    const result = diagnose(paste, kb);
    expect(result.matches[0]).toMatchObject({ id: 'etcd-database-space-exceeded', basis: 'signature', matched: true });
    expect(result.matches.slice(1).map((m) => m.basis)).toEqual(['lexical', 'lexical', 'lexical']);
    expect(result.matches[1]?.id).toBe('etcd-slow-disk-request-timeouts');
  });

  it('lines that look like no error ask nothing: an INFO log gets no neighbours', async () => {
    const kb = await shippedKnowledge();
    const result = diagnose('I0101 00:00:00.000000 1 reflector.go:1] Listing and watching namespaces with finalizers', kb);
    expect(result.matches).toEqual([]);
  });
});
