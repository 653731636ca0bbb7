/**
 * Team knowledge folders on top of the bundled one: a new id adds an incident, a reused id is
 * refused naming both files unless the entry says `replaces`, and the CLI, the bot's catalog
 * holder and `kb list` all see the layers.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { diagnose } from '../../src/diagnose/diagnose.js';
import { KnowledgeError } from '../../src/errors.js';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.js';
import { loadCatalog } from '../../src/triage/catalog.js';
import { CatalogHolder } from '../../src/triage/catalog-holder.js';
import { memoryIo } from '../helpers/io.js';
import { incidentData, knowledgeDir, shippedKnowledge } from '../helpers/kb.js';

const KOPS_LINE =
  '2023-09-12 08:14:01.123 [ERROR][1] cni-installer/<nil> <nil>: Unable to create token for CNI kubeconfig error=Unauthorized';
const TEAM_LINE = 'acme-gateway: upstream pool "payments" exhausted after 3 retries';

const teamIncident = (id = 'acme-gateway-pool-exhausted', overrides: Record<string, unknown> = {}) =>
  incidentData(id, {
    title: 'ACME gateway: an upstream pool is exhausted',
    signatures: [{ id: 'pool-exhausted', pattern: 'acme-gateway: upstream pool "[a-z-]+" exhausted', strength: 'decisive' }],
    examples: { match: [{ text: TEAM_LINE }] },
    ...overrides,
  });

describe('team knowledge folders', () => {
  it('KUBETRIAGE_KNOWLEDGE_DIRS adds a team incident beside the bundled ones, in the CLI', async () => {
    const team = await knowledgeDir({ 'acme-gateway-pool-exhausted.yaml': teamIncident() });
    const env = { KUBETRIAGE_KNOWLEDGE_DIRS: team };
    const both = memoryIo(`${TEAM_LINE}\n`);
    expect(await runCli(['diagnose', '--json'], both, env)).toBe(0);
    expect(JSON.parse(both.stdout[0] ?? '{}').matches[0].id).toBe('acme-gateway-pool-exhausted');
    const bundled = memoryIo(`${KOPS_LINE}\n`);
    await runCli(['diagnose', '--json'], bundled, env);
    expect(JSON.parse(bundled.stdout[0] ?? '{}').matches[0].id).toBe('kops-sa-issuer-change');
    // --kb does the same
    const flag = memoryIo(`${TEAM_LINE}\n`);
    await runCli(['diagnose', '--json', '--kb', team], flag);
    expect(JSON.parse(flag.stdout[0] ?? '{}').matches[0].id).toBe('acme-gateway-pool-exhausted');
  });

  it('a team entry that reuses a bundled id without replaces is refused, naming both files', async () => {
    const team = await knowledgeDir({ 'kops-sa-issuer-change.yaml': teamIncident('kops-sa-issuer-change') });
    const error = await loadCatalog([BUNDLED_KNOWLEDGE_DIR, team]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnowledgeError);
    const [problem] = (error as KnowledgeError).problems;
    expect(problem).toMatchObject({ file: join(team, 'incidents', 'kops-sa-issuer-change.yaml'), field: 'id' });
    expect(problem?.message).toContain(join(BUNDLED_KNOWLEDGE_DIR, 'incidents', 'kops-sa-issuer-change.yaml'));
    expect(problem?.message).toContain('replaces: kops-sa-issuer-change');
    const io = memoryIo(`${KOPS_LINE}\n`);
    expect(await runCli(['diagnose', '--kb', team], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(
      /kops-sa-issuer-change\.yaml: id: .*already an incident in .*knowledge\/incidents\/kops-sa-issuer-change\.yaml/,
    );
  });

  it("with replaces it takes the bundled entry's place, and kb list says where each entry comes from", async () => {
    const ours = teamIncident('kops-sa-issuer-change', {
      replaces: 'kops-sa-issuer-change',
      title: 'Our kOps issuer runbook: page the platform team first',
      signatures: [{ id: 'ours', pattern: 'Unable to create token for CNI kubeconfig error=Unauthorized', strength: 'decisive' }],
      examples: { match: [{ text: KOPS_LINE }] },
    });
    const team = await knowledgeDir({ 'kops-sa-issuer-change.yaml': ours, 'acme-gateway-pool-exhausted.yaml': teamIncident() });
    const kb = await loadCatalog([BUNDLED_KNOWLEDGE_DIR, team]);
    expect(kb.byId.get('kops-sa-issuer-change')?.title).toBe('Our kOps issuer runbook: page the platform team first');
    expect(kb.incidents.filter((i) => i.id === 'kops-sa-issuer-change')).toHaveLength(1);
    expect(diagnose(KOPS_LINE, kb).matches[0]?.id).toBe('kops-sa-issuer-change');
    const io = memoryIo();
    await runCli(['kb', 'list', '--kb', team], io);
    const rows = io.stdout.join('\n');
    expect(rows).toMatch(
      new RegExp(`^kops-sa-issuer-change .*\\[${team.replace(/[/\\^$.*+?()[\]{}|-]/g, '\\$&')}, replaces kops-sa-issuer-change\\]$`, 'm'),
    );
    expect(rows).toMatch(/^multus-thin-token-expiry .*\[bundled\]$/m);
  });

  it('replaces naming nothing below is refused', async () => {
    const team = await knowledgeDir({ 'acme-one.yaml': teamIncident('acme-one', { replaces: 'no-such-entry' }) });
    const error = (await loadCatalog([BUNDLED_KNOWLEDGE_DIR, team]).catch((e: unknown) => e)) as KnowledgeError;
    expect(error.problems).toEqual([
      expect.objectContaining({ field: 'replaces', message: 'no entry "no-such-entry" in the folders below this one to replace' }),
    ]);
  });

  it('kb lint checks the team entries (placeholders, ReDoS, references across layers) and not only the base', async () => {
    const team = await knowledgeDir({
      'acme-gateway-pool-exhausted.yaml': teamIncident(undefined, {
        rootCause: 'TODO(kubetriage): why it happens',
        related: ['kops-sa-issuer-change'],
      }),
    });
    const io = memoryIo();
    expect(await runCli(['kb', 'lint', '--kb', team], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/acme-gateway-pool-exhausted\.yaml: rootCause: still the scaffold's placeholder/);
    // a reference to a bundled entry is fine from a team folder
    expect(io.stderr.join('\n')).not.toMatch(/related/);
    const filled = await knowledgeDir({ 'acme-gateway-pool-exhausted.yaml': teamIncident() });
    const ok = memoryIo();
    expect(await runCli(['kb', 'lint', '--kb', filled], ok)).toBe(0);
    const bundled = (await shippedKnowledge()).incidents.length;
    expect(ok.stdout.join('')).toMatch(new RegExp(`^kb lint: 1 team incident\\(s\\) OK on top of ${bundled}\\b`));
  });

  it('kb lint notes a team check that reads what the RBAC generated for the base does not allow, and only that', async () => {
    const check = (namespace: string, name: string) => ({
      checks: [
        {
          check: 'configmap-field',
          params: { namespace, name, key: 'config.conf', path: 'mode', matches: '^ipvs$' },
          role: 'supporting',
          note: 'the gateway reads its pool size from this ConfigMap',
        },
      ],
    });
    // kube-system/kube-proxy is read by bundled entries, so the shipped RBAC allows it
    const covered = await knowledgeDir({
      'acme-gateway-pool-exhausted.yaml': teamIncident(undefined, { verification: check('kube-system', 'kube-proxy') }),
    });
    const quiet = memoryIo();
    expect(await runCli(['kb', 'lint', '--kb', covered], quiet)).toBe(0);
    expect(quiet.stdout.join('\n')).not.toMatch(/note:/);
    const beyond = await knowledgeDir({
      'acme-gateway-pool-exhausted.yaml': teamIncident(undefined, { verification: check('acme-gateway', 'pools') }),
    });
    const io = memoryIo();
    // a deployment matter, not a defect of the entry: the exit status stays 0
    expect(await runCli(['kb', 'lint', '--kb', beyond], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(
      /^note: acme-gateway-pool-exhausted's checks get configmaps pools in namespace acme-gateway, which the RBAC generated for the base knowledge \(deploy\/\) does not allow: apply `kubetriage rbac`/m,
    );
    // and what the note says to apply does grant it
    const rbac = memoryIo();
    expect(await runCli(['rbac', '--kb', beyond], rbac)).toBe(0);
    const role = yaml
      .loadAll(rbac.stdout.join('\n'))
      .find((d) => (d as { kind?: string; metadata?: { namespace?: string } }).metadata?.namespace === 'acme-gateway');
    expect(role).toMatchObject({ kind: 'Role', rules: [{ resources: ['configmaps'], resourceNames: ['pools'], verbs: ['get'] }] });
  });

  it('kb test runs every example against the merged set: a team signature that steals a bundled example fails', async () => {
    const greedy = teamIncident('acme-greedy', {
      // a team wrote a signature for the generic symptom: it outranks the bundled generic entry on its own examples
      signatures: [{ id: 'greedy', pattern: 'Back-off restarting failed container', strength: 'decisive' }],
      examples: { match: [{ text: 'Back-off restarting failed container acme-gateway in pod acme-gateway-0' }] },
    });
    const team = await knowledgeDir({ 'acme-greedy.yaml': greedy });
    const io = memoryIo();
    expect(await runCli(['kb', 'test', '--kb', team], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(
      /FAIL crashloopbackoff-generic examples\.match\[\d+\]: expected match: crashloopbackoff-generic, got match: acme-greedy/,
    );
  });

  it('hot reload of a team folder: a valid change takes effect, an invalid one keeps the previous catalog and says why', async () => {
    const team = await knowledgeDir({ 'acme-gateway-pool-exhausted.yaml': teamIncident() });
    const dirs = [BUNDLED_KNOWLEDGE_DIR, team];
    const holder = new CatalogHolder(dirs, await loadCatalog(dirs));
    await writeFile(
      join(team, 'incidents', 'acme-two.yaml'),
      yaml.dump(
        teamIncident('acme-two', {
          signatures: [{ id: 'two', pattern: 'acme-two exploded badly', strength: 'decisive' }],
          examples: { match: [{ text: 'acme-two exploded badly' }] },
        }),
      ),
    );
    // the bundled entries and the team's two
    expect(await holder.reload()).toEqual({ ok: true, incidents: (await shippedKnowledge()).incidents.length + 2 });
    expect(holder.current().byId.has('acme-two')).toBe(true);
    expect(holder.lastRefusal()).toBeUndefined();
    await writeFile(join(team, 'incidents', 'acme-two.yaml'), yaml.dump(teamIncident('acme-two', { severity: 'apocalyptic' })));
    const refused = await holder.reload();
    expect(refused.ok).toBe(false);
    expect(holder.current().byId.has('acme-two')).toBe(true);
    expect(holder.lastRefusal()?.problems).toEqual([
      expect.objectContaining({ file: join(team, 'incidents', 'acme-two.yaml'), field: 'severity' }),
    ]);
  });
});
