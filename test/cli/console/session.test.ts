import { describe, expect, it } from 'vitest';
import { ConsoleSession } from '../../../src/cli/console/session.js';
import { terminalStyle } from '../../../src/cli/render/terminal-style.js';
import { shippedKnowledge } from '../../helpers/kb.js';

describe('the local console', () => {
  it('diagnoses a paste when an empty line ends it', async () => {
    const session = new ConsoleSession(await shippedKnowledge(), terminalStyle(false));
    expect(session.feedLine('some context line')).toBeUndefined();
    expect(session.feedLine('install-cni: Unable to create token for CNI kubeconfig error=Unauthorized')).toBeUndefined();
    expect(session.feedLine('')).toMatch(/^MATCH kops-sa-issuer-change/);
  });

  it('answers /runbook and /quit', async () => {
    const session = new ConsoleSession(await shippedKnowledge(), terminalStyle(false));
    expect(session.feedLine('/runbook coredns loop')).toContain('coredns-forwarding-loop');
    expect(session.feedLine('/quit')).toBe('quit');
  });

  it('diagnoses what is left at end of input', async () => {
    const session = new ConsoleSession(await shippedKnowledge(), terminalStyle(false));
    session.feedLine('deploying v1.2.3 now');
    expect(session.flush()).toMatch(/^NO MATCH/);
  });
});
