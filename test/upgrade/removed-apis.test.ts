import { describe, expect, it } from 'vitest';
import { KnowledgeError } from '../../src/errors.js';
import { loadApiRemovals } from '../../src/knowledge/api-removals.js';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.js';
import { parseDeprecatedApiMetric } from '../../src/upgrade/deprecated-api-metric.js';
import { removalsBetween, removedApiFindings, usesFromMetric } from '../../src/upgrade/removed-api-findings.js';
import { incidentData, knowledgeDir } from '../helpers/kb.js';

/** Trimmed from a real 1.24 API server's /metrics. */
const METRICS = `# HELP apiserver_requested_deprecated_apis [STABLE] Gauge of deprecated APIs that have been requested, broken out by API group, version, resource, subresource, and removed_release.
# TYPE apiserver_requested_deprecated_apis gauge
apiserver_requested_deprecated_apis{group="policy",removed_release="1.25",resource="podsecuritypolicies",subresource="",version="v1beta1"} 1
apiserver_requested_deprecated_apis{group="batch",removed_release="1.25",resource="cronjobs",subresource="",version="v1beta1"} 1
apiserver_requested_deprecated_apis{group="flowcontrol.apiserver.k8s.io",removed_release="1.26",resource="flowschemas",subresource="",version="v1beta1"} 1
apiserver_request_total{code="200",verb="GET"} 42
`;

describe('knowledge/api-removals.yaml', () => {
  it('loads and covers every release from 1.16 to 1.32 that removed APIs', async () => {
    const removals = await loadApiRemovals(BUNDLED_KNOWLEDGE_DIR);
    expect([...new Set(removals.map((r) => r.removedIn))]).toEqual(['1.16', '1.22', '1.25', '1.26', '1.27', '1.29', '1.32']);
  });

  it('names the file and field of a bad entry', async () => {
    const dir = await knowledgeDir({});
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      `${dir}/api-removals.yaml`,
      'source: https://example.com\nrunbook: x\nremovals:\n  - { group: batch, version: v1beta1, kind: CronJob, resource: cronjobs, removedIn: "one-twenty-five", replacement: batch/v1, availableSince: "1.21" }\n',
    );
    const error = await loadApiRemovals(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnowledgeError);
    expect((error as KnowledgeError).problems[0]).toMatchObject({ field: 'removals.0.removedIn' });
  });

  it('a YAML syntax error in a table names the line, as it does for incident files', async () => {
    const dir = await knowledgeDir({});
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${dir}/api-removals.yaml`, 'source: https://example.com\nrunbook: x\nremovals:\n  - { group: batch\n');
    const error = await loadApiRemovals(dir).catch((e: unknown) => e);
    expect((error as KnowledgeError).problems[0]).toMatchObject({ field: 'line 5', message: expect.stringContaining('not valid YAML') });
  });

  it('a broken api-removals.yaml stops start-up (the catalog), naming file and field', async () => {
    const { writeFile } = await import('node:fs/promises');
    const { loadCatalog } = await import('../../src/triage/catalog.js');
    const dir = await knowledgeDir({ 'alpha-one.yaml': incidentData('alpha-one') });
    await writeFile(`${dir}/api-removals.yaml`, 'source: https://example.com\nrunbook: alpha-one\nremovals: []\n');
    const error = await loadCatalog(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnowledgeError);
    expect((error as KnowledgeError).problems[0]).toMatchObject({ file: `${dir}/api-removals.yaml`, field: 'removals' });
  });

  it('a removal that links to an incident that does not exist stops start-up', async () => {
    const { writeFile } = await import('node:fs/promises');
    const { loadCatalog } = await import('../../src/triage/catalog.js');
    const dir = await knowledgeDir({ 'alpha-one.yaml': incidentData('alpha-one') });
    await writeFile(
      `${dir}/api-removals.yaml`,
      'source: https://example.com\nrunbook: gone-away\nremovals:\n  - { group: batch, version: v1beta1, kind: CronJob, resource: cronjobs, removedIn: "1.25", replacement: batch/v1, availableSince: "1.21" }\n',
    );
    const error = await loadCatalog(dir).catch((e: unknown) => e);
    expect((error as KnowledgeError).problems).toEqual([expect.objectContaining({ message: 'unknown incident "gone-away"' })]);
  });
});

describe('removed APIs still in use', () => {
  it('parses the deprecated-API metric', () => {
    expect(parseDeprecatedApiMetric(METRICS)).toHaveLength(3);
    expect(parseDeprecatedApiMetric(METRICS)[0]).toEqual({
      group: 'policy',
      version: 'v1beta1',
      resource: 'podsecuritypolicies',
      subresource: '',
      removedRelease: '1.25',
    });
  });

  it('PodSecurityPolicy in use is a Required finding for 1.25, not for 1.24', async () => {
    const removals = await loadApiRemovals(BUNDLED_KNOWLEDGE_DIR);
    const requests = usesFromMetric(parseDeprecatedApiMetric(METRICS));
    const to125 = removedApiFindings(requests, removals, '1.24', '1.25');
    expect(to125.map((f) => f.id)).toEqual(['removed-api:policy/v1beta1/podsecuritypolicies', 'removed-api:batch/v1beta1/cronjobs']);
    expect(to125[0]).toMatchObject({ priority: 'required', fix: expect.stringContaining('Pod Security Admission') });
    expect(removedApiFindings(requests, removals, '1.23', '1.24')).toEqual([]);
  });

  it('counts every step of a multi-minor jump', async () => {
    const removals = await loadApiRemovals(BUNDLED_KNOWLEDGE_DIR);
    expect(removalsBetween(removals, '1.24', '1.26').every((r) => r.removedIn === '1.25' || r.removedIn === '1.26')).toBe(true);
    expect(removedApiFindings(usesFromMetric(parseDeprecatedApiMetric(METRICS)), removals, '1.24', '1.26')).toHaveLength(3);
  });
});
