import semver from 'semver';
import type { Component, NodeVersions } from './detect.js';

export interface SkewFinding {
  id: string;
  priority: 'required';
  title: string;
  observations: string[];
  fix: string;
}

/** Version skew policy: kubelet and kube-proxy may trail the API server by three minors from 1.28, two before. */
export function allowedTrail(targetMinor: number): number {
  return targetMinor >= 28 ? 3 : 2;
}

const minorOf = (version: string) => semver.coerce(version)?.minor;

export function skewFindings(target: string, nodes: NodeVersions[], components: Component[]): SkewFinding[] {
  const targetMinor = minorOf(target);
  if (targetMinor === undefined) return [];
  const allowed = allowedTrail(targetMinor);
  const findings: SkewFinding[] = [];
  const tooOld = nodes.filter((n) => {
    const m = minorOf(n.kubelet);
    return m !== undefined && targetMinor - m > allowed;
  });
  if (tooOld.length > 0) {
    findings.push({
      id: 'skew:kubelet',
      priority: 'required',
      title: `${tooOld.length} kubelet(s) more than ${allowed} minors behind ${target}`,
      observations: tooOld.slice(0, 10).map((n) => `node/${n.name} kubelet ${n.kubelet}`),
      fix: `Upgrade these nodes' kubelets to at least 1.${targetMinor - allowed} before the control plane goes to ${target}.`,
    });
  }
  const proxies = components.filter(
    (c) => c.name === 'kube-proxy' && c.version !== null && targetMinor - (minorOf(c.version) ?? targetMinor) > allowed,
  );
  if (proxies.length > 0) {
    findings.push({
      id: 'skew:kube-proxy',
      priority: 'required',
      title: `kube-proxy more than ${allowed} minors behind ${target}`,
      observations: proxies.map((p) => p.image),
      fix: `Upgrade kube-proxy to at least 1.${targetMinor - allowed}.`,
    });
  }
  return findings;
}
