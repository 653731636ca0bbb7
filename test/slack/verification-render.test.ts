import { describe, expect, it } from 'vitest';
import { renderVerificationBlocks } from '../../src/slack/render/verification-blocks.js';

describe('a not-applicable verification in Slack', () => {
  it('says so first, and names the condition, not "could not decide"', () => {
    const message = renderVerificationBlocks({
      cluster: 'prod-eu',
      incident: 'vpc-cni-irsa-annotation-missing',
      verdict: 'not-applicable',
      reasons: ['applies only to eks clusters; prod-eu is kops (nodes carry kops.k8s.io/instancegroup)'],
      checks: [],
      durationMs: 12,
    });
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('*not applicable*');
    expect(text).toContain('Not applicable: applies only to eks clusters; prod-eu is kops');
    expect(text).not.toContain('Could not decide');
  });
});
