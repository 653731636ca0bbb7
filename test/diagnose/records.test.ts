import { describe, expect, it } from 'vitest';
import { normalizePaste } from '../../src/diagnose/normalize.js';

const records = (text: string) => {
  const paste = normalizePaste(text);
  return paste.display.map((d, i) => [paste.lineNumbers[i], d]);
};

describe('records: wrapped lines joined to the line they continue', () => {
  it('a line wrapped mid-word by an 80-column terminal is joined without a space', () => {
    const line =
      'E1025 06:25:55.567008 4555 controller.go:136] failed to ensure node lease exists, will retry in 800ms, error: Get "https://cp.internal:8443/apis/coordination.k8s.io/v1/namespaces/kube-node-lease": dial tcp 10.0.0.3:8443: connect: connection refused';
    const wrapped = line.match(/.{1,80}/g)?.join('\n') ?? '';
    expect(records(wrapped)).toEqual([[1, line]]);
  });

  it('a line a terminal broke at a space (trimmed, one short of the width) is joined with a space', () => {
    const text = `${'a'.repeat(55)} dial tcp 10.0.0.3:8443:\nconnect: connection refused\n\n${'b'.repeat(80)}\n\n${'c'.repeat(80)}`;
    expect(records(text)[0]).toEqual([1, `${'a'.repeat(55)} dial tcp 10.0.0.3:8443: connect: connection refused`]);
  });

  it('a log line repeated verbatim is no sign of wrapping', () => {
    const line = `Cluster did not pass validation, will retry in "30s": system-node-critical pod "calico-node-r4pvs" is not ready`;
    expect(records(`${line}\n${line}\nnext thing`).map(([n]) => n)).toEqual([1, 2]);
  });

  it('a lowercase fragment continues the record; a new log record does not', () => {
    const text =
      'Failed to call ec2:DescribeNetworkInterfaces for [eni-0a1b2c\n3d4e5f]: UnauthorizedOperation\nE0101 00:00:00.000000 1 x.go:1] next record';
    expect(records(text)).toEqual([
      [1, 'Failed to call ec2:DescribeNetworkInterfaces for [eni-0a1b2c 3d4e5f]: UnauthorizedOperation'],
      [3, 'E0101 00:00:00.000000 1 x.go:1] next record'],
    ]);
  });

  it('a Go error chain broken after a ": " continues with its capitalised cause, but not into a key or an error line', () => {
    const text =
      "iptables v1.8.9 (legacy): can't initialize iptables table `filter': \nTable does not exist (do you need to insmod?)\nStatus: Failed\nerror: timed out";
    expect(records(text)).toEqual([
      // (the lone backtick is taken for markdown)
      [1, "iptables v1.8.9 (legacy): can't initialize iptables table filter': Table does not exist (do you need to insmod?)"],
      [3, 'Status: Failed'],
      [4, 'error: timed out'],
    ]);
    // a colon that ends a line without a space after it is a heading: what follows starts anew
    expect(records('Here is the log:\nTable does not exist')).toEqual([
      [1, 'Here is the log:'],
      [2, 'Table does not exist'],
    ]);
  });

  it('a YAML message folded over indented lines is one record', () => {
    const text =
      '  message: \'Failed to pull image "quay.io/a/b:v2":\n    image pull failed for quay.io/a/b:v2, this\n    Tag v2 not found in repository quay.io/a/b\'\n  reason: Failed';
    expect(records(text)).toEqual([
      [
        1,
        'message: \'Failed to pull image "quay.io/a/b:v2": image pull failed for quay.io/a/b:v2, this Tag v2 not found in repository quay.io/a/b\'',
      ],
      [4, 'reason: Failed'],
    ]);
  });

  it('a quoted YAML message folded right before "word:" keeps going until its quote closes', () => {
    // the fold falls before "versions:" and "quota:", which look like keys but are inside the quotes
    const condition =
      '    - lastTransitionTime: "2020-09-17T12:59:07Z"\n      message: \'Cluster operator x cannot be upgraded between minor\n        versions: Parent credential secret must be restored\n        prior to upgrade\'\n      reason: CredentialsRootSecretMissing';
    expect(records(condition).slice(1)).toEqual([
      [
        2,
        "message: 'Cluster operator x cannot be upgraded between minor versions: Parent credential secret must be restored prior to upgrade'",
      ],
      [5, 'reason: CredentialsRootSecretMissing'],
    ]);
    const quota =
      '    message: "pods \\"web\\" is forbidden: exceeded\n      quota: q1, requested: limits.cpu=3"\n    reason: FailedCreate';
    expect(records(quota).map(([n]) => n)).toEqual([1, 3]);
    // a closed quote ends the value: the deeper key below is a key (doubled single quotes do not close)
    expect(records("    message: 'it''s done: ok'\n      versions: x").map(([n]) => n)).toEqual([1, 2]);
    expect(records("    message: 'it''s\n      versions: x'").map(([n]) => n)).toEqual([1]);
  });

  it('a TOML config (containerd config.toml) is a record a line: key = value and [section] lines start one', () => {
    const toml =
      'version = 2\n[plugins."io.containerd.grpc.v1.cri"]\n  sandbox_image = "registry.k8s.io/pause:3.6"\n  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]\n    SystemdCgroup = false';
    expect(records(toml).map(([n]) => n)).toEqual([1, 2, 3, 4, 5]);
  });

  it('kubectl get rows stay one record each, and describe event messages continue under their row', () => {
    const table =
      'NAME                 READY   STATUS    RESTARTS   AGE\nweb-6d4cf56db6-abcde   0/1     Pending   0          2m\nweb-6d4cf56db6-fghij   0/1     Pending   0          2m';
    expect(records(table).map(([n]) => n)).toEqual([1, 2, 3]);
    const events =
      'Events:\n  Type     Reason       Age   From     Message\n  ----     ------       ----  ----     -------\n  Warning  FailedMount  3m    kubelet  MountVolume.SetUp failed for volume "cfg" :\n                                       configmap "app" not found';
    expect(records(events).at(-1)).toEqual([
      4,
      'Warning FailedMount 3m kubelet MountVolume.SetUp failed for volume "cfg" : configmap "app" not found',
    ]);
  });

  it('unpacks Ansible results and JSON array entries, and takes box drawing off', () => {
    const ansible =
      'fatal: [master01]: FAILED! => {"changed": true, "stderr": "[upgrade/apply] FATAL: failed to create etcd client\\nTo see the stack trace"}';
    expect(records(ansible)).toEqual([
      [1, 'fatal: [master01]: FAILED! =>'],
      [1, '[upgrade/apply] FATAL: failed to create etcd client'],
      [1, 'To see the stack trace changed=true'],
    ]);
    expect(records('    "Sep 04 19:01:52 master origin-node[8940]: dial tcp 10.0.0.1:8443: connect: connection refused", ')).toEqual([
      [1, 'Sep 04 19:01:52 master origin-node[8940]: dial tcp 10.0.0.1:8443: connect: connection refused'],
    ]);
    expect(records('╷\n│ Error: cannot patch "web" with kind Deployment:\n│ field is immutable\n╵')).toEqual([
      [2, 'Error: cannot patch "web" with kind Deployment: field is immutable'],
    ]);
  });
});

describe('facts: fields of describe blocks and get tables', () => {
  it('a describe block gives its fields, with the name, namespace and the kind the command names', () => {
    const text =
      '$ kubectl describe sa aws-node -n kube-system\nName:                aws-node\nNamespace:           kube-system\nAnnotations:         <none>\nEvents:              <none>';
    expect(normalizePaste(text).facts).toContainEqual({
      kind: 'ServiceAccount',
      name: 'aws-node',
      namespace: 'kube-system',
      field: 'Annotations',
      value: '<none>',
      line: 4,
    });
  });

  it('a get table gives one fact per cell, the kind from its columns when no command names it', () => {
    const text = 'NAME              STATUS        AGE\ncattle-system     Terminating   3d\ndefault           Active        11d';
    expect(normalizePaste(text).facts).toContainEqual({
      kind: 'Namespace',
      name: 'cattle-system',
      field: 'STATUS',
      value: 'Terminating',
      line: 2,
    });
  });
});

describe('lines of one log template, all of one length', () => {
  it('stay separate records: a timestamp after a line of the "wrap width" starts a new one', () => {
    // the seconds vary, the length does not: two different lines share the longest length, the
    // shape the wrap-width heuristic reads as a terminal's wrap
    const felix = Array.from(
      { length: 40 },
      (_, i) =>
        `2023-09-12 08:13:${String(i).padStart(2, '0')}.000 [INFO][1] felix/summary.go 100: Summarising 11 dataplane reconciliation loops over 1m0.2s: avg=4ms longest=12ms ()`,
    );
    const error =
      '2023-09-12 08:14:01.123 [ERROR][1] cni-installer/<nil> <nil>: Unable to create token for CNI kubeconfig error=Unauthorized';
    const paste = normalizePaste([...felix, error].join('\n'));
    expect(paste.display).toHaveLength(41);
    expect(paste.display[40]).toBe(error);
    expect(paste.lineNumbers[40]).toBe(41);
  });

  it('a command typed after the last of them is its own record, the wrapped reading kept as an alternate', () => {
    // two different lines of the longest length read as a wrap width, so the last one looked cut
    // mid-word and "kops rolling-update" was glued to it ("error=unauthorizedkops"), losing \bkops\b
    const log = ['ERROR', 'FATAL'].map(
      (level) =>
        `2021-11-03 10:44:09.512 [${level}][1] cni-installer/<nil> <nil>: Unable to create token for CNI kubeconfig error=Unauthorized`,
    );
    const paste = normalizePaste([...log, 'kops rolling-update cluster --yes'].join('\n'));
    expect(paste.display).toEqual([...log, 'kops rolling-update cluster --yes']);
    expect(paste.lineNumbers).toEqual([1, 2, 3]);
    expect(paste.alternates.map((a) => [a.record, a.display])).toEqual([[1, `${log[1]}kops rolling-update cluster --yes`]]);
  });

  it('the rest of a word a terminal cut stays joined, though it begins like a command name', () => {
    const text = `${'x'.repeat(70)} was overw\nhelmed by requests\n\n${'y'.repeat(80)}\n`;
    expect(records(text)[0]).toEqual([1, `${'x'.repeat(70)} was overwhelmed by requests`]);
  });
});
