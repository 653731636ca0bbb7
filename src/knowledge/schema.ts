import semver from 'semver';
import { z } from 'zod';

/**
 * The one schema every file in knowledge/incidents/ must satisfy. Types are inferred from it,
 * and knowledge/incident.schema.json is generated from it for editors (`npm run schema`).
 * Objects are strict: an unknown or misspelled field is an error, not silently ignored.
 */

const kebabId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case: lowercase letters, digits and dashes');

const semverRange = z.string().refine((range) => semver.validRange(range) !== null, 'must be a semver range, e.g. ">=1.26.0 <1.27.0"');

/** How much one signature says on its own. Weights live in src/diagnose/score.ts. */
export const signatureStrength = z
  .enum(['decisive', 'strong', 'supporting'])
  .describe(
    'decisive: only this incident prints it; strong: points here but other causes exist; supporting: a symptom shared with other incidents (never a match on its own)',
  );

const NORMALISATION_NOTE =
  'Matched case-insensitively against ONE record of the paste: a line with its wrapped continuation lines joined, a JSON log line flattened to its message, an Ansible result or JSON array entry unpacked. Normalisation replaces timestamps with <ts>, UUIDs with <uuid>, long hex ids with <hex>, IPv4 addresses with <ip>, and pod-name hash suffixes with -<hash>.';

/**
 * A condition on one field of a parsed `kubectl describe` block or `kubectl get` table row, for
 * evidence that is a field's value rather than a message ("Annotations: <none>" on aws-node).
 */
const factCondition = z
  .strictObject({
    kind: z
      .string()
      .min(2)
      .optional()
      .describe(
        'the object kind (ServiceAccount, Namespace, Endpoints); a block whose kind the paste does not show matches only when `name` is given',
      ),
    name: z.string().min(1).optional().describe('regex the whole object name must match'),
    namespace: z.string().min(1).optional().describe('regex the whole namespace must match, when the paste shows one'),
    field: z.string().min(2).describe('the describe key or table column, as kubectl prints it (Annotations, STATUS, ENDPOINTS)'),
    equals: z.string().optional().describe('the value, compared case-insensitively after trimming'),
    matches: z.string().min(2).optional().describe('regex the value must match (instead of equals)'),
  })
  .refine((c) => (c.equals === undefined) !== (c.matches === undefined), 'needs exactly one of equals or matches');

const signature = z
  .strictObject({
    id: kebabId.describe('unique within the entry; shown to users as what matched'),
    pattern: z
      .string()
      .min(4)
      .optional()
      .describe(
        `JavaScript regular expression. ${NORMALISATION_NOTE} Must contain a literal run of at least 4 characters (used to pre-filter).`,
      ),
    all: z
      .array(z.string().min(4))
      .min(2)
      .optional()
      .describe(
        'regexes that must ALL match, in any order, in one record (or within `within` lines of each other): for errors whose parts different versions print in different orders. Each needs a literal run of at least 4 characters.',
      ),
    within: z
      .int()
      .min(1)
      .max(20)
      .optional()
      .describe('with `all`: the terms may be spread over this many neighbouring lines instead of one record'),
    fact: factCondition.optional(),
    strength: signatureStrength,
    requires: z
      .array(z.string().min(2))
      .optional()
      .describe('regexes that must ALSO match somewhere in the paste (context that separates this incident from look-alikes)'),
    excludes: z
      .array(z.string().min(2))
      .optional()
      .describe('regexes that, when present anywhere in the paste, mean this signature does not apply'),
    note: z.string().optional().describe('why this evidence points at this incident'),
  })
  .refine((s) => [s.pattern, s.all, s.fact].filter((m) => m !== undefined).length === 1, {
    message: 'needs exactly one of pattern, all or fact',
  })
  .refine((s) => s.within === undefined || s.all !== undefined, { message: 'within only applies to all', path: ['within'] })
  .describe('evidence for the mechanism of the incident: a pattern, terms in any order, or a field of a parsed block');

/**
 * Step markers are data, not prose: the CLI and Slack print them in front of the step, and
 * runbook lint (src/knowledge/runbook-lint.ts) checks that dangerous commands carry them.
 */
const fixStep = z.strictObject({
  step: z.string().min(3).describe('what to do and what it changes'),
  command: z.string().optional().describe('the command to run, if any'),
  disruptive: z
    .string()
    .min(3)
    .optional()
    .describe(
      'WHAT the step interrupts, e.g. "new pods on this node get no network while aws-node restarts"; rendered in front of the step and required by runbook lint on dangerous commands',
    ),
  irreversible: z
    .string()
    .min(3)
    .optional()
    .describe(
      'what cannot be undone, e.g. "compaction drops every revision older than the current one"; rendered in front of the step; runbook lint requires an earlier `backup: true` step (same list, or fix.immediate when this step is in fix.lasting)',
    ),
  backup: z
    .boolean()
    .optional()
    .describe('true when this step takes the backup a later irreversible step needs; rendered as a marker and used by runbook lint'),
  readsSecret: z
    .string()
    .min(3)
    .optional()
    .describe(
      'which secret material this human step shows on screen, e.g. "prints the CA private key tls.key"; rendered in front of the step and required by runbook lint on `get secret` / `describe secret`',
    ),
  perNode: z
    .boolean()
    .optional()
    .describe('true when the step is done one node at a time: drain before, uncordon after; rendered in front of the step'),
});

const example = z.strictObject({
  text: z.string().min(1).describe('verbatim text from a public report (secrets and ids replaced by obvious fakes)'),
  format: z
    .enum(['log', 'events', 'describe', 'journald', 'json', 'terminal', 'ansible', 'status'])
    .optional()
    .describe('the shape the text reached the user in'),
  source: z.url().optional().describe('where the text comes from'),
  note: z.string().optional().describe('for noMatch: what the real cause was'),
});

const evidence = z.strictObject({
  description: z.string().min(3).describe('what is read and what it shows'),
  resource: z
    .string()
    .optional()
    .describe('API resource read, e.g. "pods", "configmaps", "clusterversions.config.openshift.io"; omit for nonResourcePath'),
  namespace: z.string().optional(),
  name: z.string().optional(),
  labelSelector: z.string().optional(),
  nonResourcePath: z.string().optional().describe('e.g. /.well-known/openid-configuration or /metrics'),
  field: z.string().optional().describe('the field or flag inspected, e.g. spec.containers[].command --service-account-issuer'),
  confirmsWhen: z.string().optional().describe('the observation that confirms this incident'),
  refutesWhen: z.string().optional().describe('the observation that rules it out'),
});

const verificationStep = z.strictObject({
  check: kebabId.describe('id of a check in src/checks/index.ts'),
  params: z.record(z.string(), z.unknown()).default({}).describe("the check's parameters (validated by the check's own schema at load)"),
  role: z
    .enum(['required', 'supporting'])
    .default('required')
    .describe('required: confirmed needs it present and it being absent refutes; supporting: evidence only'),
  note: z.string().optional(),
});

/** The distributions kubetriage recognises on a live cluster (src/upgrade/detect.ts). */
export const DISTRIBUTIONS = ['kops', 'kubespray', 'kubeadm', 'okd', 'eks', 'gke', 'aks', 'k3s', 'rke2'] as const;

const verification = z
  .strictObject({
    checks: z.array(verificationStep).min(1),
    platforms: z
      .array(z.enum(DISTRIBUTIONS))
      .default([])
      .describe(
        'the only distributions this incident can happen on (e.g. [eks] for the VPC CNI); on a cluster recognised as another one the verdict is not-applicable instead of inconclusive; empty = any',
      ),
  })
  .describe('read-only checks that confirm or refute this incident on a live cluster');

const upgradeRisk = z
  .strictObject({
    platforms: z
      .array(z.string().min(2))
      .default([])
      .describe('distributions it applies to (kops, kubespray, kubeadm, okd, eks); empty = any'),
    from: semverRange.describe('Kubernetes version range of the cluster before the upgrade'),
    to: semverRange.describe('Kubernetes version range of the upgrade target'),
    checks: z
      .array(verificationStep)
      .min(1)
      .describe('read-only checks of the precondition; all required ones present = the upgrade will hit this incident'),
    phases: z
      .array(
        z.strictObject({
          title: z.string().min(3).describe('what the phase achieves, e.g. "keep the old issuer trusted"'),
          steps: z.array(fixStep).min(1),
        }),
      )
      .default([])
      .describe(
        'the ordered phases of this upgrade path, the one to do before the upgrade first (/upgrade-check shows it first, with its commands)',
      ),
    note: z.string().optional(),
  })
  .describe('when an upgrade will run into this incident, checked before the upgrade by /upgrade-check');

const versionScope = z.strictObject({
  component: z.string().min(2).describe('kubernetes, kops, kubespray, okd, eks, multus, vpc-cni, containerd, calico, …'),
  range: semverRange.describe('versions of that component the incident applies to'),
});

const upgradeScope = z.strictObject({
  component: z.string().min(2),
  from: semverRange.describe('version range before the upgrade'),
  to: semverRange.describe('version range after the upgrade'),
});

const source = z.strictObject({
  url: z.url(),
  title: z.string().min(3),
});

export const incidentSchema = z
  .strictObject({
    // Slack carries the id in option values of at most 150 characters
    id: kebabId.max(100).describe('equals the file name without .yaml (at most 100 characters)'),
    title: z.string().min(10).max(150).describe('one line, the answer an on-call engineer needs first'),
    summary: z.string().min(20).describe('two or three sentences: trigger, mechanism, effect'),
    severity: z.enum(['critical', 'high', 'medium', 'low']),
    category: z.enum(['auth', 'certificates', 'networking', 'dns', 'etcd', 'runtime', 'node', 'upgrade', 'api']),
    components: z.array(z.string().min(2)).min(1).describe('software involved, e.g. calico, kube-apiserver'),
    platforms: z.array(z.string().min(2)).default([]).describe('installers/distributions, e.g. kops, kubespray, okd, eks'),
    versions: z.array(versionScope).default([]),
    upgrades: z.array(upgradeScope).default([]).describe('upgrade transitions that trigger it'),
    symptoms: z.array(z.string().min(3)).min(1).describe('what the operator sees, in plain words'),
    signatures: z.array(signature).min(1),
    keywords: z.array(z.string().min(3)).default([]).describe('words and phrases for runbook search and weak ranking'),
    replaces: kebabId
      .optional()
      .describe(
        "a team folder's entry that takes the place of an entry of a folder below it (the bundled knowledge base): its id; without it a reused id is refused",
      ),
    specializes: z
      .array(kebabId)
      .default([])
      .describe('generic incidents whose symptom this one shares; when both match, this one ranks first'),
    related: z.array(kebabId).default([]).describe('incidents worth ruling out alongside this one'),
    rootCause: z.string().min(20),
    fix: z.strictObject({
      immediate: z.array(fixStep).min(1).describe('the mitigation to apply now, in order'),
      lasting: z.array(fixStep).default([]).describe('what prevents it from happening again'),
    }),
    evidence: z.array(evidence).default([]).describe('read-only observations that confirm or refute it on a live cluster'),
    verification: verification.optional(),
    upgradeRisk: upgradeRisk.optional(),
    evidenceNote: z.string().optional().describe('why there is no cluster evidence (e.g. client-side only)'),
    sources: z.array(source).min(1),
    exampleGap: z
      .string()
      .min(20)
      .optional()
      .describe(
        'why this entry has fewer real examples than the authoring minimum (e.g. only one public report exists); lint then accepts the shortfall and kb stats lists it',
      ),
    examples: z.strictObject({
      match: z.array(example).min(1).describe('real texts that must diagnose as this incident'),
      noMatch: z.array(example).default([]).describe('real look-alike texts with another cause that must NOT diagnose as this incident'),
    }),
  })
  .describe('One known Kubernetes incident: how to recognise it, why it happens, how to fix and verify it.');

export type Incident = z.infer<typeof incidentSchema>;
export type Signature = z.infer<typeof signature>;
export type SignatureStrength = z.infer<typeof signatureStrength>;
export type FactCondition = z.infer<typeof factCondition>;
export type FixStep = z.infer<typeof fixStep>;
export type IncidentExample = z.infer<typeof example>;
export type Verification = z.infer<typeof verification>;
export type VerificationStep = z.infer<typeof verificationStep>;
export type UpgradeRisk = z.infer<typeof upgradeRisk>;
