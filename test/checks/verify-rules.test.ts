/**
 * Every verdict rule of src/checks/verify.ts, table-driven. Steps are real checks
 * (serviceaccount-annotation) through the strict fake reader: the state of each step's own
 * ServiceAccount sets that step's status, so any combination of roles and statuses can be built.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUDGET_MS, NO_REQUIRED_CHECK, runVerification, verifyIncident } from '../../src/checks/verify.js';
import type { Incident, VerificationStep } from '../../src/knowledge/schema.js';
import { type Answer, fakeReader, STALL } from './fake-reader.js';

type Role = VerificationStep['role'];
type Status = 'present' | 'absent' | 'unknown';

const ANNOTATION = 'example.com/broken';
const SA = (i: number) => `/api/v1/namespaces/kube-system/serviceaccounts/sa-${i}`;
const DENIED = (i: number) =>
  `serviceaccounts "sa-${i}" is forbidden: User "system:serviceaccount:kubetriage:kubetriage" cannot get resource "serviceaccounts"`;

const step = (i: number, role: Role): VerificationStep => ({
  check: 'serviceaccount-annotation',
  role,
  params: { namespace: 'kube-system', name: `sa-${i}`, annotation: ANNOTATION, incidentWhen: 'present' },
});

const serviceAccount = (i: number, annotated: boolean) => ({
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: { name: `sa-${i}`, namespace: 'kube-system', ...(annotated ? { annotations: { [ANNOTATION]: 'yes' } } : {}) },
});

const answer = (i: number, status: Status): Answer =>
  status === 'unknown' ? { fail: 'forbidden', message: DENIED(i) } : serviceAccount(i, status === 'present');

/** Steps and the cluster that gives each step the status asked for. */
function scenario(states: Array<[Role, Status]>) {
  const steps = states.map(([role], i) => step(i, role));
  const routes = Object.fromEntries(states.map(([, status], i) => [SA(i), answer(i, status)]));
  return { steps, reader: fakeReader(routes) };
}

const HEALTHY = 'serviceaccount-annotation: the cluster shows the healthy state';
const UNREADABLE = (i: number) => `serviceaccount-annotation: cannot read serviceaccount kube-system/sa-${i}: forbidden: ${DENIED(i)}`;

const RULES: Array<[string, Array<[Role, Status]>, string, string[]]> = [
  ['one required check present confirms', [['required', 'present']], 'confirmed', []],
  [
    'every required check present confirms',
    [
      ['required', 'present'],
      ['required', 'present'],
    ],
    'confirmed',
    [],
  ],
  [
    'a supporting check absent does not refute',
    [
      ['required', 'present'],
      ['supporting', 'absent'],
    ],
    'confirmed',
    [],
  ],
  [
    'a supporting check unknown does not make it inconclusive',
    [
      ['supporting', 'unknown'],
      ['required', 'present'],
    ],
    'confirmed',
    [],
  ],
  ['one required check absent refutes', [['required', 'absent']], 'refuted', [HEALTHY]],
  [
    'absent refutes even next to present and unknown ones, naming only the absent',
    [
      ['required', 'present'],
      ['required', 'unknown'],
      ['required', 'absent'],
    ],
    'refuted',
    [HEALTHY],
  ],
  [
    'a required check unknown leaves it inconclusive, saying why',
    [
      ['required', 'present'],
      ['required', 'unknown'],
    ],
    'inconclusive',
    [UNREADABLE(1)],
  ],
  [
    'every unknown required check is a reason',
    [
      ['required', 'unknown'],
      ['required', 'unknown'],
    ],
    'inconclusive',
    [UNREADABLE(0), UNREADABLE(1)],
  ],
  [
    'unknown supporting checks are not reasons',
    [
      ['required', 'unknown'],
      ['supporting', 'unknown'],
    ],
    'inconclusive',
    [UNREADABLE(0)],
  ],
  [
    'supporting checks alone, all present, never confirm',
    [['supporting', 'present']],
    'inconclusive',
    ['no required check: supporting checks alone cannot confirm or refute this incident'],
  ],
  [
    'supporting checks alone, several present, never confirm',
    [
      ['supporting', 'present'],
      ['supporting', 'present'],
    ],
    'inconclusive',
    [NO_REQUIRED_CHECK],
  ],
  ['supporting checks alone, absent, never refute', [['supporting', 'absent']], 'inconclusive', [NO_REQUIRED_CHECK]],
  [
    'an absent supporting check next to an unknown required one does not refute',
    [
      ['supporting', 'absent'],
      ['required', 'unknown'],
    ],
    'inconclusive',
    [UNREADABLE(1)],
  ],
];

describe.each(RULES)('verdict: %s', (_, states, verdict, reasons) => {
  it(`is ${verdict}`, async () => {
    const { steps, reader } = scenario(states);
    const report = await runVerification(steps, reader);
    expect(report.verdict).toBe(verdict);
    expect(report.reasons).toEqual(reasons);
    // every check reports, in order, with its role and its own status
    expect(report.checks.map((c) => [c.role, c.status])).toEqual(states);
  });
});

const incident = (overrides: Partial<Incident>): Incident => ({ id: 'test-incident', ...overrides }) as Incident;

describe('verifyIncident', () => {
  it('names the cluster and the incident, and carries the steps verdict', async () => {
    const { steps, reader } = scenario([['required', 'present']]);
    const report = await verifyIncident(incident({ verification: { checks: steps, platforms: [] } }), reader);
    expect(report).toMatchObject({ cluster: 'fixture', incident: 'test-incident', verdict: 'confirmed', reasons: [] });
    expect(report.checks[0]?.observations).toEqual([
      { object: 'kube-system/serviceaccount/sa-0', field: `metadata.annotations["${ANNOTATION}"]`, observed: 'yes', expected: 'present' },
    ]);
  });

  it('without a verification is inconclusive, saying so, and reads nothing', async () => {
    const reader = fakeReader({});
    expect(await verifyIncident(incident({}), reader)).toEqual({
      cluster: 'fixture',
      incident: 'test-incident',
      verdict: 'inconclusive',
      reasons: ['this incident has no cluster verification'],
      checks: [],
      durationMs: 0,
    });
    expect(reader.asked).toEqual([]);
  });

  it("without a verification gives the entry's own evidence note as the reason", async () => {
    const report = await verifyIncident(incident({ evidenceNote: 'the error is client-side only' }), fakeReader({}));
    expect(report.reasons).toEqual(['the error is client-side only']);
  });

  it('an empty check list counts as no verification', async () => {
    const report = await verifyIncident(incident({ verification: { checks: [], platforms: [] } }), fakeReader({}));
    expect(report).toMatchObject({ verdict: 'inconclusive', reasons: ['this incident has no cluster verification'] });
  });
});

describe('a check that cannot run', () => {
  it('an unknown check id is unknown, naming it, and the other checks still decide', async () => {
    const { steps, reader } = scenario([['required', 'present']]);
    const report = await runVerification([{ check: 'no-such-check', role: 'required', params: {} }, ...steps], reader);
    expect(report.checks[0]).toMatchObject({
      id: 'no-such-check',
      status: 'unknown',
      reason: 'no check named no-such-check',
      observations: [],
    });
    expect(report).toMatchObject({ verdict: 'inconclusive', reasons: ['no-such-check: no check named no-such-check'] });
    const supporting = await runVerification([...steps, { check: 'no-such-check', role: 'supporting', params: {} }], reader);
    expect(supporting.verdict).toBe('confirmed');
  });

  it('a check whose read throws is unknown with the error, and the others still report', async () => {
    const reader = fakeReader({ [SA(0)]: { throws: 'socket hang up' }, [SA(1)]: serviceAccount(1, true) });
    const report = await runVerification([step(0, 'required'), step(1, 'required')], reader);
    expect(report.checks.map((c) => [c.status, c.reason])).toEqual([
      ['unknown', 'the check failed: socket hang up'],
      ['present', undefined],
    ]);
    expect(report.checks[0]?.observations).toEqual([]);
    expect(report).toMatchObject({ verdict: 'inconclusive', reasons: ['serviceaccount-annotation: the check failed: socket hang up'] });
  });

  it('parameters its schema refuses are a failed check, not a crash of the verification', async () => {
    const report = await runVerification(
      [{ check: 'serviceaccount-annotation', role: 'required', params: { name: 'sa-0' } }],
      fakeReader({}),
    );
    expect(report.verdict).toBe('inconclusive');
    expect(report.reasons[0]).toMatch(/^serviceaccount-annotation: the check failed: /);
  });

  it('a 200 with the wrong shape is an unexpected answer from what was read, not a TypeError message', async () => {
    const flag = { check: 'apiserver-flag', role: 'required' as const, params: { flag: 'service-account-issuer', matches: '.' } };
    const report = await runVerification([flag], fakeReader({ '/api/v1/namespaces/kube-system/pods': {} }));
    expect(report).toMatchObject({
      verdict: 'inconclusive',
      reasons: ['apiserver-flag: unexpected answer from kube-apiserver pods in kube-system: not a list (no items array)'],
    });
  });

  it('a TypeError a shape check did not foresee is still worded as an unexpected answer', async () => {
    // a pod with metadata but no spec passes the list check and breaks the flag parser
    const reader = fakeReader({
      '/api/v1/namespaces/kube-system/pods': {
        kind: 'PodList',
        items: [{ metadata: { name: 'p', labels: { 'k8s-app': 'kube-apiserver' } } }],
      },
    });
    const report = await runVerification(
      [{ check: 'apiserver-flag', role: 'required', params: { flag: 'service-account-issuer', matches: '.' } }],
      reader,
    );
    expect(report.verdict).toBe('inconclusive');
    expect(report.reasons[0]).toMatch(/^apiserver-flag: unexpected answer from the cluster \(.+\)$/);
    expect(report.checks[0]?.observations).toEqual([]);
  });
});

describe('the time budget', () => {
  it('a check that ignores its abort signal and never settles is unknown, over budget, within the budget', async () => {
    const budgetMs = 300;
    const reader = fakeReader({ [SA(0)]: STALL, [SA(1)]: serviceAccount(1, true) });
    const started = performance.now();
    const report = await runVerification([step(0, 'required'), step(1, 'supporting')], reader, { budgetMs });
    const elapsed = performance.now() - started;
    // it waited for the budget (not a short-cut) and no longer than the budget plus scheduling slack
    expect(elapsed).toBeGreaterThanOrEqual(budgetMs - 5);
    expect(elapsed).toBeLessThan(budgetMs + 250);
    expect(report.verdict).toBe('inconclusive');
    expect(report.reasons).toEqual([`serviceaccount-annotation: timeout: over the verification budget of ${budgetMs} ms`]);
    expect(report.checks[0]).toMatchObject({ status: 'unknown', observations: [] });
    // the check that answered in time still reports its evidence
    expect(report.checks[1]).toMatchObject({ status: 'present', observations: [{ observed: 'yes' }] });
    expect(report.checks[0]?.durationMs).toBeGreaterThanOrEqual(budgetMs - 5);
    expect(report.checks[0]?.durationMs).toBeLessThan(budgetMs + 250);
  });

  it('the budget is 15 s unless told otherwise', () => {
    expect(DEFAULT_BUDGET_MS).toBe(15_000);
  });

  it('reports how long the checks took', async () => {
    const { steps, reader } = scenario([['required', 'present']]);
    const report = await runVerification(steps, reader);
    expect(report.durationMs).toBeGreaterThanOrEqual(0);
    expect(report.durationMs).toBeLessThan(1000);
  });
});
