/** Pastes of the sizes people send: one error line, a screenful, a long log with the error inside. */
const ERROR_LINE =
  'E0912 08:14:01.123456 1 install.go:412] calico-node-x7k2p install-cni: Unable to create token for CNI kubeconfig error=Unauthorized';

function noiseLine(i: number): string {
  const seconds = String(i % 60).padStart(2, '0');
  const kinds = [
    `I0912 08:14:${seconds}.${String(i * 7919)
      .slice(0, 6)
      .padEnd(6, '0')} 1 reflector.go:${200 + (i % 90)}] Listing and watching *v1.Pod from k8s.io/client-go/informers/factory.go:150`,
    `I0912 08:14:${seconds}.000000 1 controller.go:${100 + i}] "Synced" resource="deployments" namespace="team-${i % 17}" name="api-${i % 29}"`,
    `W0912 08:14:${seconds}.000000 1 warnings.go:70] metadata.finalizers: "example.com/cleanup-${i}": prefer a domain-qualified finalizer name`,
    `{"level":"info","ts":"2024-09-12T08:14:${seconds}Z","logger":"controller","msg":"Reconciling","name":"svc-${i}","attempt":${i % 5}}`,
  ];
  return kinds[i % kinds.length] as string;
}

export function logOf(bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = noiseLine(i);
    lines.push(line);
    size += line.length + 1;
  }
  lines.splice(Math.floor(lines.length / 2), 0, ERROR_LINE);
  return lines.join('\n');
}

export const PASTES: Record<string, string> = {
  '200 B': `calico-node-x7k2p install-cni: ${ERROR_LINE.slice(0, 120)}\nkubectl get pods -A | grep -v Running`,
  '4 KB': logOf(4 * 1024),
  '40 KB': logOf(40 * 1024),
};
