/**
 * A terminal cuts every line longer than its width, mid-word. When only one line of a paste was
 * long enough, no wrap width shows, so the cut is joined with a space like any continuation
 * ("…for 101 IP a ddresses"), or its rest looks like a key and starts a record of its own
 * ("…custom.metrics.k8s.i" / "o/v1beta1: the server…"). Signatures are then also tested on the
 * record joined without that space: these pin when that reading exists, and that it finds the
 * error without becoming a record of its own.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/diagnose.js';
import { normalizePaste } from '../../src/diagnose/normalize.js';
import { type Catalog, loadCatalog } from '../../src/triage/catalog.js';
import { incidentData, knowledgeDir } from '../helpers/kb.js';

const cut = (line: string, width = 80) => `${line.slice(0, width)}\n${line.slice(width)}`;
const AZURE = 'VMSSAgentPoolReconciler retry failed: does not have enough capacity for 101 IP addresses';
const APIS =
  'error: unable to retrieve the complete list of server APIs: custom.metrics.k8s.io/v1beta1: the server is currently unable to handle the request';

let kb: Catalog;
beforeAll(async () => {
  kb = await loadCatalog(
    await knowledgeDir({
      'subnet-full.yaml': incidentData('subnet-full', {
        signatures: [{ id: 'capacity', pattern: 'does not have enough capacity for \\d+ ip addresses', strength: 'decisive' }],
        examples: { match: [{ text: AZURE }] },
      }),
      'service-ip-timeout.yaml': incidentData('service-ip-timeout', {
        signatures: [{ id: 'dial', pattern: 'dial tcp <ip>:443: i/o timeout', strength: 'decisive' }],
        examples: { match: [{ text: 'dial tcp 10.32.0.1:443: i/o timeout' }] },
      }),
      'apiservice-down.yaml': incidentData('apiservice-down', {
        signatures: [
          {
            id: 'list',
            pattern: 'unable to retrieve the complete list of server apis: [\\w.-]+/v\\w+: the server is currently unable',
            strength: 'decisive',
          },
        ],
        examples: { match: [{ text: APIS }] },
      }),
    }),
  );
});

const top = (text: string) => diagnose(text, kb).matches.find((m) => m.matched);

describe('a line cut mid-word by a terminal, the only line long enough to be cut', () => {
  it('is found when the cut was joined with a space, with the rejoined text as evidence on its first line', () => {
    const text = `$ az aks nodepool add\n${cut(AZURE)}`;
    expect(normalizePaste(text).display).toContain(
      'VMSSAgentPoolReconciler retry failed: does not have enough capacity for 101 IP a ddresses',
    );
    const match = top(text);
    expect(match?.id).toBe('subnet-full');
    expect(match?.evidence[0]).toMatchObject({ line: 2, text: AZURE });
  });

  it('is found when the rest looked like a key and started a record of its own', () => {
    const text = `[webapp@k8s-master-01 ~]$ kubectl api-resources\n${cut(APIS)}`;
    const { display } = normalizePaste(text);
    expect(display).toHaveLength(3);
    expect(top(text)?.id).toBe('apiservice-down');
  });

  it('is found when the cut fell inside an address, or right after a space and the rest looked like a new record', () => {
    const line = 'plugin/kubernetes: Get "https://10.32.0.1:443/version?timeout=32s": dial tcp 10.32.0.1:443: i/o timeout';
    for (const after of ['dial tcp 10.', 'dial tcp ']) {
      const text = `[INFO] plugin/ready\n${cut(line, line.indexOf(after) + after.length)}`;
      expect(top(text)?.id, after).toBe('service-ip-timeout');
    }
  });

  it('adds no record: the reading is only tested, not counted, shown or fingerprinted', () => {
    const plain = normalizePaste(`${AZURE.slice(0, 80)} ${AZURE.slice(80)}`);
    const wrapped = normalizePaste(cut(AZURE));
    expect(wrapped.alternates.map((a) => a.display)).toEqual([AZURE]);
    expect(wrapped.display).toEqual(plain.display);
    expect(wrapped.canonicalText).toBe(plain.canonicalText);
  });

  it('is not read so when the cut line is not among the longest, is indented after, or a new log record follows', () => {
    const longer = `${cut(AZURE)}\n${'x '.repeat(50)}`;
    expect(normalizePaste(longer).alternates).toEqual([]);
    expect(top(longer)).toBeUndefined();
    expect(normalizePaste(`${AZURE.slice(0, 80)}\n  ${AZURE.slice(80)}`).alternates).toEqual([]);
    expect(normalizePaste(`${AZURE.slice(0, 79)}9\nE0101 00:00:00.000000 1 x.go:1] next`).alternates).toEqual([]);
  });

  it('never shows a secret the cut split: the first pass reads the cut lines joined, as printed', () => {
    // neither half alone has a shape a rule knows (an access key), or a rule takes the half on
    // the first line and the rest would be shown (a key=value); the cut is the only long line,
    // or one of several at the paste's width
    const key = 'AKIAIOSFODNN7EXAMPLE';
    const token = 'abcdEFGH12345678zyxwQRST9876';
    for (const line of [
      `E0101 00:00:00.000000 1 pull.go:12] registry login failed for user ci with ${key} retrying`,
      `E0101 00:00:00.000000 1 pull.go:12] registry login failed for user ci with token=${token} retrying`,
    ]) {
      const secret = line.includes(key) ? key : token;
      for (let at = line.indexOf(secret) + 1; at < line.indexOf(secret) + secret.length; at++) {
        for (const text of [`short line\n${cut(line, at)}`, [cut(line, at), cut(line.replace('user', 'users'), at)].join('\n')]) {
          if (at < 60) continue;
          const paste = normalizePaste(text);
          const shown = [...paste.display, ...paste.alternates.map((a) => a.display)].join('\n');
          for (let k = 0; k + 6 <= secret.length; k++) expect(shown).not.toContain(secret.slice(k, k + 6));
          expect(paste.redactions).toBeGreaterThan(0);
        }
      }
    }
  });
});
