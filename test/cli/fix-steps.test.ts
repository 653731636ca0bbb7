import { describe, expect, it } from 'vitest';
import { renderSteps } from '../../src/cli/render/fix-steps.js';
import type { FixStep } from '../../src/knowledge/schema.js';

const steps: FixStep[] = [
  { step: 'Check the node name.' },
  { step: 'Save a snapshot of etcd.', command: 'etcdctl snapshot save /var/backups/etcd.db', backup: true },
  { step: 'Compact the keyspace.', irreversible: 'drops every revision older than the current one' },
  { step: 'Restart aws-node.', disruptive: 'new pods wait for networking' },
  { step: 'Read the CA.', readsSecret: 'prints the CA private key tls.key' },
  { step: 'Restart the kubelet.', perNode: true, disruptive: 'pods on the node lose their probes while it restarts' },
];

/** The text before the step on its numbered line: markers must be there, not after the instruction. */
function prefixOf(lines: string[], number: number, stepText: string): string {
  const line = lines.find((l) => l.trimStart().startsWith(`${number}. `));
  expect(line, `line for step ${number}`).toBeDefined();
  const at = (line ?? '').indexOf(stepText);
  expect(at, `step text on line ${number}`).toBeGreaterThan(0);
  return (line ?? '').slice(0, at);
}

describe('renderSteps markers', () => {
  const lines = renderSteps(steps);

  it('puts "disruptive" and what it disrupts in front of the step', () => {
    expect(prefixOf(lines, 4, 'Restart aws-node.')).toContain('⚠ disruptive (new pods wait for networking)');
  });

  it('puts "irreversible" in front and points at the earlier backup step', () => {
    expect(prefixOf(lines, 3, 'Compact the keyspace.')).toContain(
      '⛔ irreversible (drops every revision older than the current one) — back up first (step 2)',
    );
    expect(prefixOf(lines, 2, 'Save a snapshot')).toContain('backup');
  });

  it('says which secret material a step shows, in front of it', () => {
    expect(prefixOf(lines, 5, 'Read the CA.')).toContain('🔑 shows secret material (prints the CA private key tls.key)');
  });

  it('renders perNode and what a step disrupts in front of the step', () => {
    const prefix = prefixOf(lines, 6, 'Restart the kubelet.');
    expect(prefix).toContain('one node at a time: drain → step → uncordon');
    expect(prefix).toContain('⚠ disruptive (pods on the node lose their probes while it restarts)');
  });

  it('leaves unmarked steps and commands as they were', () => {
    expect(lines[0]).toBe('  1. Check the node name.');
    expect(lines).toContain('     $ etcdctl snapshot save /var/backups/etcd.db');
  });

  it('says "back up first" without a number when the list has no backup step', () => {
    expect(renderSteps([{ step: 'Delete the namespace.', irreversible: 'every object in it is gone' }])[0]).toBe(
      '  1. ⛔ irreversible (every object in it is gone) — back up first: Delete the namespace.',
    );
  });
});
