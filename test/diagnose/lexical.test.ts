import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/diagnose.js';
import { buildLexicalIndex } from '../../src/diagnose/lexical.js';
import type { Incident } from '../../src/knowledge/schema.js';
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

describe('the lexical index on its own', () => {
  // just the fields the index reads
  const entry = (id: string, title: string) =>
    ({ id, title, keywords: [], symptoms: [], examples: { match: [], noMatch: [] } }) as unknown as Incident;
  const index = buildLexicalIndex([
    entry('quartz', 'quartz crystal failed'),
    entry('both', 'quartz basalt failed'),
    entry('basalt', 'basalt failed'),
    entry('granite', 'granite failed'),
  ]);

  it("a unit whose process died asks, in systemd's words; a pre-step that finished does not", () => {
    expect(index.closest(['ExecStart=/usr/bin/quartz $QUARTZ_ARGS (code=exited, status=255)'], new Set(), 1)).toEqual(['quartz']);
    expect(index.closest(['quartz.service: Main process exited, code=killed, signal=KILL'], new Set(), 1)).toEqual(['quartz']);
    expect(index.closest(['ExecStartPre=/sbin/quartz-setup (code=exited, status=0/SUCCESS)'], new Set(), 1)).toEqual([]);
  });

  it('ranks by score, and an excluded entry is skipped without counting toward the limit', () => {
    const all = index.closest(['error: quartz basalt'], new Set(), 3);
    expect(all).toEqual(['both', 'basalt', 'quartz']);
    expect(index.closest(['error: quartz basalt'], new Set(), 2)).toEqual(all.slice(0, 2));
    expect(index.closest(['error: quartz basalt'], new Set(['both']), 2)).toEqual(all.slice(1));
  });

  it('names nothing less than a fifth as close as the best', () => {
    const words = buildLexicalIndex([entry('rich', 'alpha beta gamma delta epsilon zeta'), entry('thin', 'alpha other words here')]);
    expect(words.closest(['error: alpha beta'], new Set(), 4)).toEqual(['rich', 'thin']);
    // thin shares one word of six with the query: below the floor the best sets
    expect(words.closest(['error: alpha beta gamma delta epsilon zeta'], new Set(), 4)).toEqual(['rich']);
  });

  it('a plural finds the entry that says the singular, and the other way round', () => {
    expect(index.closest(['error: granites'], new Set(), 4)).toEqual(['granite']);
    const plural = buildLexicalIndex([entry('plural', 'namespaces stuck'), entry('other', 'volume stuck')]);
    expect(plural.closest(['error: namespace'], new Set(), 1)).toEqual(['plural']);
  });

  it("a paste's other lines join the query after its error lines, and only when it has one", () => {
    // the granite line carries no error word: before, only "error: crystal" asked
    expect(index.closest(['error: crystal'], new Set(), 4)).toEqual(['quartz']);
    expect(index.closest(['error: crystal', 'granite'], new Set(), 4).sort()).toEqual(['granite', 'quartz']);
    expect(index.closest(['granite'], new Set(), 4)).toEqual([]);
    // the error lines' words come first: with 40 of them, the other lines add nothing
    const filler = Array.from({ length: 40 }, (_, i) => `filler${String.fromCharCode(97 + (i % 26))}${i}`).join(' ');
    expect(index.closest(['granite', `error: ${filler}`], new Set(), 4)).toEqual([]);
  });

  it('reads only the first 40 distinct words of the query', () => {
    const filler = Array.from({ length: 40 }, (_, i) => `filler${String.fromCharCode(97 + (i % 26))}${i}`).join(' ');
    expect(index.closest([`error: ${filler} granite`], new Set(), 4)).toEqual([]);
    expect(index.closest([`error: granite ${filler}`], new Set(), 4)).toEqual(['granite']);
  });
});
