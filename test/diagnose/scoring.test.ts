import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/diagnose.js';
import { loadCatalog } from '../../src/triage/catalog.js';
import { incidentData, knowledgeDir } from '../helpers/kb.js';

const sig = (id: string, pattern: string, strength: string, extra: Record<string, unknown> = {}) => ({ id, pattern, strength, ...extra });

async function kb() {
  return loadCatalog(
    await knowledgeDir({
      'generic-cni.yaml': incidentData('generic-cni', {
        signatures: [sig('not-init', 'cni plugin not initialized', 'decisive')],
      }),
      'specific-cni.yaml': incidentData('specific-cni', {
        specializes: ['generic-cni'],
        signatures: [sig('shared', 'cni plugin not initialized', 'supporting'), sig('own', 'ipamd: missing iam permissions', 'decisive')],
      }),
      'context-bound.yaml': incidentData('context-bound', {
        signatures: [
          sig('x509', 'x509: certificate signed by unknown authority', 'decisive', { requires: ['api-int\\.'], excludes: ['webhook'] }),
        ],
      }),
      'strong-only.yaml': incidentData('strong-only', { signatures: [sig('strong', 'etcdserver: request timed out', 'strong')] }),
      'weak-only.yaml': incidentData('weak-only', {
        signatures: [sig('a', 'connection refused', 'supporting'), sig('b', 'context deadline exceeded', 'supporting')],
        keywords: ['refused', 'deadline', 'timeout', 'apiserver', 'connection'],
      }),
    }),
  );
}

describe('scoring and verdicts', () => {
  it('a decisive signature gives a high-confidence match', async () => {
    const result = diagnose('Warning NetworkNotReady: cni plugin not initialized', await kb());
    expect(result.verdict).toBe('match');
    expect(result.matches[0]).toMatchObject({ id: 'generic-cni', confidence: 'high' });
  });

  it('ranks a specific cause above the generic symptom it explains', async () => {
    const result = diagnose('cni plugin not initialized\nipamd: missing IAM permissions for ec2', await kb());
    expect(result.matches.map((m) => m.id)).toEqual(['specific-cni', 'generic-cni']);
    expect(result.matches[1]?.generalOf).toBe('specific-cni');
  });

  it('keeps the generic entry first when only the shared symptom is present', async () => {
    const result = diagnose('cni plugin not initialized', await kb());
    expect(result.matches.map((m) => m.id)).toEqual(['generic-cni', 'specific-cni']);
  });

  it('fires a context-bound signature only with its context', async () => {
    const base = await kb();
    const line = 'x509: certificate signed by unknown authority';
    expect(diagnose(`Get "https://api-int.c1.example.com:6443": ${line}`, base).verdict).toBe('match');
    expect(diagnose(`Get "https://api.c1.example.com:6443": ${line}`, base).verdict).toBe('no-match');
    expect(diagnose(`calling webhook at api-int.c1.example.com: ${line}`, base).verdict).toBe('no-match');
  });

  it('a strong signature alone is a medium-confidence match', async () => {
    const result = diagnose('E0101 etcdserver: request timed out', await kb());
    expect(result).toMatchObject({ verdict: 'match', matches: [{ id: 'strong-only', confidence: 'medium' }] });
  });

  it('supporting signatures and keywords never make a match, however many', async () => {
    const text = 'connection refused\ncontext deadline exceeded\nrefused deadline timeout apiserver connection';
    const result = diagnose(text, await kb());
    expect(result.verdict).toBe('no-match');
    expect(result.reason?.code).toBe('weak-evidence');
    expect(result.matches[0]?.id).toBe('weak-only');
  });

  it('reports the line number and signature of the evidence', async () => {
    const result = diagnose('Starting\n\nStill fine\nCNI plugin not initialized', await kb());
    expect(result.matches[0]?.evidence[0]).toEqual({
      line: 4,
      text: 'CNI plugin not initialized',
      signature: 'not-init',
      strength: 'decisive',
    });
  });
});
