import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { diagnose } from '../../src/diagnose/diagnose.js';
import { renderDiagnosisBlocks } from '../../src/slack/render/diagnosis-blocks.js';
import { memoryIo } from '../helpers/io.js';
import { shippedKnowledge } from '../helpers/kb.js';

const ETCD = 'Error from server: etcdserver: mvcc: database space exceeded';
const LOOP =
  '[FATAL] plugin/loop: Loop (127.0.0.1:34536 -> :53) detected for zone ".", see https://coredns.io/plugins/loop#troubleshooting. Query: "HINFO 4547991504243258144.3688648895315093531."';
const TWO = `${ETCD}\n\n${LOOP}`;

describe('two independent problems in one paste', () => {
  it('both are matches, each with its own evidence line', async () => {
    const result = diagnose(TWO, await shippedKnowledge());
    expect(result.verdict).toBe('match');
    const matched = result.matches.filter((m) => m.matched);
    expect(matched.map((m) => m.id).sort()).toEqual(['coredns-forwarding-loop', 'etcd-database-space-exceeded']);
    expect(matched.map((m) => m.evidence[0]?.line).sort()).toEqual([1, 3]);
  });

  it('a generic entry explained by the specific one on the same paste is no second match', async () => {
    const kb = await shippedKnowledge();
    const paste =
      'Warning  MissingIAMPermissions  pod/aws-node-lps4s  Unauthorized operation: failed to call ec2:DescribeNetworkInterfaces due to missing permissions. IRSA role-arn annotation missing\n\nContainer runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized';
    const result = diagnose(paste, kb);
    expect(result.matches.filter((m) => m.matched).map((m) => m.id)).toEqual(['vpc-cni-irsa-annotation-missing']);
  });

  it('one line that two entries read differently is one match and a runner-up, not two matches', async () => {
    const kb = await shippedKnowledge();
    const result = diagnose(`${ETCD}\n${ETCD}`, kb);
    expect(result.matches.filter((m) => m.matched)).toHaveLength(1);
  });

  it('the CLI prints both as matches, and --json marks both matched', async () => {
    const io = memoryIo(TWO);
    await runCli(['diagnose'], io);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/^MATCH /m);
    expect(text).toMatch(/^ALSO MATCH (coredns-forwarding-loop|etcd-database-space-exceeded)/m);
    const json = memoryIo(TWO);
    await runCli(['diagnose', '--json'], json);
    const parsed = JSON.parse(json.stdout[0] as string) as { matches: Array<{ id: string; matched: boolean }> };
    expect(parsed.matches.filter((m) => m.matched)).toHaveLength(2);
  });

  it('the Slack reply answers the second problem too, with its own proof and runbook button', async () => {
    const kb = await shippedKnowledge();
    const result = diagnose(TWO, kb);
    const second = result.matches.filter((m) => m.matched)[1];
    const message = renderDiagnosisBlocks(result, (id) => kb.byId.get(id), { pasteHash: 'h' });
    const json = JSON.stringify(message.blocks);
    expect(json).toContain(`Also in this paste: ${kb.byId.get(second?.id ?? '')?.title.slice(0, 30)}`);
    expect(json).toContain('kubetriage_diagnosis_2');
  });
});
