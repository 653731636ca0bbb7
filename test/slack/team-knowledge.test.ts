import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.js';
import { loadCatalog } from '../../src/triage/catalog.js';
import { incidentData, knowledgeDir } from '../helpers/kb.js';
import { capturePosts, type Harness, messageEvent, postEvent, startHarness, waitFor } from './harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  nock.cleanAll();
});

describe('the bot with a team knowledge folder', () => {
  it('answers a team incident and a bundled one from the same catalog', async () => {
    const team = await knowledgeDir({
      'acme-gateway-pool-exhausted.yaml': incidentData('acme-gateway-pool-exhausted', {
        title: 'ACME gateway: an upstream pool is exhausted',
        signatures: [{ id: 'pool-exhausted', pattern: 'acme-gateway: upstream pool "[a-z-]+" exhausted', strength: 'decisive' }],
        examples: { match: [{ text: 'acme-gateway: upstream pool "payments" exhausted after 3 retries' }] },
      }),
    });
    harness = await startHarness(await loadCatalog([BUNDLED_KNOWLEDGE_DIR, team]));
    const { posts } = capturePosts(2);
    await postEvent(harness.url, messageEvent('acme-gateway: upstream pool "payments" exhausted after 3 retries'));
    await postEvent(
      harness.url,
      messageEvent('install-cni: Unable to create token for CNI kubeconfig error=Unauthorized', { ts: '1700000000.000777' }),
    );
    await waitFor(() => posts.length === 2);
    const sent = posts.map((p) => JSON.stringify(p.blocks));
    expect(sent.some((b) => b.includes('acme-gateway-pool-exhausted'))).toBe(true);
    expect(sent.some((b) => b.includes('kops-sa-issuer-change'))).toBe(true);
  });
});
