import { describe, expect, it } from 'vitest';
import { inLog, logAsPaste, logLineOf } from '../../src/cluster/pod-logs.js';

describe('a container log read as the paste of the command that printed it', () => {
  const lines = ['I0304 10:11:00.000000 7 controller.go:190] reloaded', '2024/03/04 10:11:12 [error] 31#31: upstream timed out'];

  it('starts with the kubectl command, naming the namespace, pod, container and previous run', () => {
    expect(logAsPaste('ingress-nginx', 'ctrl-q2w8e', { container: 'controller' }, lines).split('\n')[0]).toBe(
      '$ kubectl logs -n ingress-nginx ctrl-q2w8e -c controller',
    );
    expect(logAsPaste('kube-system', 'coredns-x', { container: 'coredns', previous: true }, lines).split('\n')[0]).toBe(
      '$ kubectl logs -n kube-system coredns-x -c coredns --previous',
    );
  });

  it("maps each line of the paste back to the log's own line, and the command to none", () => {
    const pasted = logAsPaste('ns', 'pod', { container: 'c' }, lines).split('\n');
    expect(logLineOf(1)).toBeUndefined();
    pasted.slice(1).forEach((text, i) => {
      const own = logLineOf(i + 2) as number;
      expect(lines[own - 1]).toBe(text);
    });
  });

  it('keeps what was found in the log, numbered as the log is, and drops what was found in the command', () => {
    const found = [
      { line: 1, text: 'kubectl logs -n ns pod -c c' },
      { line: 3, text: lines[1] as string },
    ];
    expect(inLog(found)).toEqual([{ line: 2, text: lines[1] }]);
  });
});
