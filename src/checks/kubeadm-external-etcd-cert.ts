import yaml from 'js-yaml';
import { z } from 'zod';
import { paths } from '../cluster/api-paths.js';
import { labelSelector } from '../cluster/k8s-names.js';
import type { ObjectMeta } from '../cluster/objects.js';
import type { Check } from './check.js';
import { readConfigMap, readList } from './read-helpers.js';

const params = z.strictObject({
  controlPlaneSelector: labelSelector.default('node-role.kubernetes.io/control-plane'),
});

interface ClusterConfiguration {
  etcd?: { external?: { certFile?: string; keyFile?: string }; local?: object };
}

/** Kubespray names etcd client certs node-<hostname>.pem; only that host holds the file. */
const NODE_CERT = /node-([a-z0-9][a-z0-9.-]*?)(?:-key)?\.pem$/i;

export const kubeadmExternalEtcdCert: Check<z.infer<typeof params>> = {
  id: 'kubeadm-external-etcd-cert',
  description: "whether kubeadm-config's external etcd client cert names one control-plane node",
  params,
  reads: () => [
    { apiGroup: '', resource: 'configmaps', verb: 'get', namespace: 'kube-system', name: 'kubeadm-config' },
    { apiGroup: '', resource: 'nodes', verb: 'list' },
  ],
  async run(reader, p, signal) {
    const cm = await readConfigMap(reader, 'kube-system', 'kubeadm-config', signal);
    if (!cm.ok) return cm.outcome;
    let config: ClusterConfiguration;
    try {
      config = (yaml.load(cm.value.data?.ClusterConfiguration ?? '') ?? {}) as ClusterConfiguration;
    } catch (error) {
      return {
        status: 'unknown',
        observations: [],
        reason: `ClusterConfiguration in kubeadm-config is not valid YAML: ${(error as Error).message}`,
      };
    }
    const object = 'kube-system/configmap/kubeadm-config';
    const external = config.etcd?.external;
    if (!external) {
      return {
        status: 'absent',
        observations: [{ object, field: 'ClusterConfiguration.etcd', observed: 'local (stacked) etcd', expected: 'external etcd' }],
      };
    }
    const nodes = await readList<{ metadata: ObjectMeta }>(reader, paths.nodes(p.controlPlaneSelector), 'control-plane nodes', signal);
    if (!nodes.ok) return nodes.outcome;
    const controlPlanes = nodes.value.map((n) => n.metadata.name);
    const named = [external.certFile, external.keyFile]
      .map((file) => NODE_CERT.exec(file ?? '')?.[1])
      .filter((n): n is string => Boolean(n));
    const owner = named.find((name) => controlPlanes.some((node) => node === name || node.startsWith(`${name}.`)));
    const observations = [
      {
        object,
        field: 'ClusterConfiguration.etcd.external.certFile',
        observed: external.certFile ?? null,
        expected: 'a path every control-plane node has',
      },
      { object, field: 'ClusterConfiguration.etcd.external.keyFile', observed: external.keyFile ?? null },
      { object: 'nodes', field: `control-plane nodes (${p.controlPlaneSelector})`, observed: controlPlanes },
    ];
    const present = owner !== undefined && controlPlanes.length > 1;
    return { status: present ? 'present' : 'absent', observations };
  },
};
