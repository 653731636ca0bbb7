import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnose/diagnose.js';
import { shippedKnowledge } from '../helpers/kb.js';

// kube-scheduler reports one failing filter per node and runs VolumeBinding/VolumeZone after the
// taint, node-affinity and resource filters: nodes counted under the volume conflict passed the rest.
describe('FailedScheduling with several reasons', () => {
  it.each([
    ['Insufficient memory', '0/5 nodes are available: 2 Insufficient memory, 3 node(s) had volume node affinity conflict.'],
    [
      'a taint',
      "0/4 nodes are available: 1 node(s) had taint {dedicated: infra}, that the pod didn't tolerate, 3 node(s) had volume node affinity conflict.",
    ],
    ['a selector', "0/7 nodes are available: 4 node(s) didn't match node selector, 3 node(s) had volume node affinity conflict."],
  ])('ranks the volume pin above %s, which stays a runner-up', async (_other, message) => {
    const result = diagnose(`Warning  FailedScheduling  default-scheduler  ${message}`, await shippedKnowledge());
    expect(result.verdict).toBe('match');
    expect(result.matches[0]?.id).toBe('scheduling-volume-node-affinity-conflict');
    // the other reason stays a runner-up (marked as the generic entry the volume pin explains when it scored close)
    const generic = result.matches.find((m) =>
      /^scheduling-(insufficient-resources|untolerated-taint|node-selector-affinity-mismatch)$/.test(m.id),
    );
    expect(generic?.matched).toBe(false);
  });

  it('keeps Insufficient cpu first when no volume is pinned', async () => {
    const result = diagnose(
      '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
      await shippedKnowledge(),
    );
    expect(result.matches[0]?.id).toBe('scheduling-insufficient-resources');
    expect(result.matches.some((m) => m.generalOf)).toBe(false);
  });

  it('names the node-affinity entry with high confidence only when affinity is the one reason listed', async () => {
    const kb = await shippedKnowledge();
    const sole = diagnose(
      "Warning  FailedScheduling  default-scheduler  0/4 nodes are available: 4 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.",
      kb,
    );
    expect(sole.matches[0]).toMatchObject({ id: 'scheduling-node-selector-affinity-mismatch', confidence: 'high' });
    // each node failed one filter: which node should have taken the pod, the text does not say
    const mixed = diagnose(
      "Warning  FailedScheduling  default-scheduler  0/6 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector, 3 node(s) had untolerated taint(s).",
      kb,
    );
    const affinity = mixed.matches.find((m) => m.id === 'scheduling-node-selector-affinity-mismatch');
    expect(affinity?.confidence).toBe('medium');
    expect(mixed.matches.some((m) => m.id === 'scheduling-untolerated-taint')).toBe(true);
  });
});
