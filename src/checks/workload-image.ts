import semver from 'semver';
import { z } from 'zod';
import { paths } from '../cluster/api-paths.js';
import { dns1123Label, labelSelector, namespaceName, objectName } from '../cluster/k8s-names.js';
import { type ContainerSpec, imageVersion, matchesSelector, type ObjectMeta } from '../cluster/objects.js';
import { safePattern } from '../regex-shape.js';
import type { Check } from './check.js';
import { readList } from './read-helpers.js';

const params = z
  .strictObject({
    kind: z.enum(['DaemonSet', 'Deployment']),
    namespace: namespaceName.optional(),
    labelSelector: labelSelector.optional(),
    name: objectName.optional().describe('only the workload with this name'),
    container: dns1123Label.optional().describe('container name'),
    versionRange: z.string().optional().describe('semver range of the image tag that marks the incident'),
    imageMatches: safePattern.optional().describe('regex on the image that marks the incident'),
    imageNotMatches: safePattern.optional().describe('regex on the image that rules the incident out'),
  })
  .refine((p) => p.versionRange || p.imageMatches || p.imageNotMatches, 'needs versionRange, imageMatches or imageNotMatches');

interface Workload {
  metadata: ObjectMeta;
  spec: { template: { spec: { containers: ContainerSpec[]; initContainers?: ContainerSpec[] } } };
}

export const workloadImage: Check<z.infer<typeof params>> = {
  id: 'workload-image',
  description: 'the image and version of a DaemonSet or Deployment',
  params,
  reads: (p) => [
    {
      apiGroup: 'apps',
      resource: p.kind === 'DaemonSet' ? 'daemonsets' : 'deployments',
      verb: 'list',
      ...(p.namespace ? { namespace: p.namespace } : {}),
    },
  ],
  async run(reader, p, signal) {
    const what = `${p.kind} ${p.labelSelector ?? p.name ?? ''}`;
    const result = await readList<Workload>(reader, paths.workloads(p.kind, p.namespace, p.labelSelector), what, signal);
    if (!result.ok) return result.outcome;
    const workloads = result.value.filter(
      (w) => (!p.name || w.metadata.name === p.name) && matchesSelector(w.metadata.labels, p.labelSelector),
    );
    const images = workloads.flatMap((w) =>
      w.spec.template.spec.containers.filter((c) => !p.container || c.name === p.container).map((c) => ({ w, image: c.image ?? '' })),
    );
    // Nothing of that kind runs here (no Multus, no aws-node): the incident's precondition is absent.
    if (images.length === 0) {
      const where = p.labelSelector ?? p.name ?? p.kind;
      return {
        status: 'absent',
        observations: [{ object: p.namespace ?? 'all namespaces', field: `${p.kind} ${where}`, observed: 'none found' }],
      };
    }
    const marks = (image: string) => {
      const version = imageVersion(image);
      if (p.imageNotMatches && new RegExp(p.imageNotMatches, 'i').test(image)) return false;
      if (p.imageMatches && !new RegExp(p.imageMatches, 'i').test(image)) return false;
      return !p.versionRange || (version !== null && semver.satisfies(version, p.versionRange));
    };
    const expected = [
      p.versionRange && `version ${p.versionRange}`,
      p.imageMatches && `image /${p.imageMatches}/`,
      p.imageNotMatches && `image not /${p.imageNotMatches}/`,
    ]
      .filter(Boolean)
      .join(', ');
    const observations = images.map(({ w, image }) => ({
      object: `${w.metadata.namespace ?? ''}/${p.kind.toLowerCase()}/${w.metadata.name}`,
      field: 'image',
      observed: image,
      expected,
    }));
    return { status: images.some(({ image }) => marks(image)) ? 'present' : 'absent', observations };
  },
};
