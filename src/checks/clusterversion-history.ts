import semver from 'semver';
import { z } from 'zod';
import { paths } from '../cluster/api-paths.js';
import type { Check } from './check.js';
import { readObject } from './read-helpers.js';

const params = z.strictObject({
  installedRange: z.string().describe('semver range of the version the cluster was installed with'),
  currentRange: z.string().describe('semver range of the version it runs now'),
});

interface ClusterVersion {
  status?: { history?: Array<{ version?: string; state?: string; completionTime?: string | null }> };
}

const version = (v: string | undefined) => (v ? (semver.coerce(v)?.version ?? null) : null);

export const clusterVersionHistory: Check<z.infer<typeof params>> = {
  id: 'clusterversion-history',
  description: 'OpenShift/OKD ClusterVersion history: the version installed first and the current one',
  params,
  reads: () => [{ apiGroup: 'config.openshift.io', resource: 'clusterversions', verb: 'get', name: 'version' }],
  async run(reader, p, signal) {
    const result = await readObject<ClusterVersion>(
      reader,
      paths.clusterVersion(),
      'clusterversion/version (not an OpenShift/OKD cluster?)',
      signal,
    );
    if (!result.ok) return result.outcome;
    const history = result.value.status?.history ?? [];
    // history is newest first: the last entry is the install
    const installed = history.at(-1)?.version;
    const current = history.find((h) => h.state === 'Completed')?.version ?? history[0]?.version;
    if (!installed || !current) return { status: 'unknown', observations: [], reason: 'ClusterVersion has no history' };
    const observations = [
      {
        object: 'clusterversion/version',
        field: 'status.history[-1].version (installed)',
        observed: installed,
        expected: p.installedRange,
      },
      { object: 'clusterversion/version', field: 'status.history (current)', observed: current, expected: p.currentRange },
    ];
    const installedVersion = version(installed);
    const currentVersion = version(current);
    const present =
      installedVersion !== null &&
      currentVersion !== null &&
      semver.satisfies(installedVersion, p.installedRange) &&
      semver.satisfies(currentVersion, p.currentRange);
    return { status: present ? 'present' : 'absent', observations };
  },
};
