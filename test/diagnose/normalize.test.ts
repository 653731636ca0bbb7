import { describe, expect, it } from 'vitest';
import { canonicalize, looksBinary, normalizePaste } from '../../src/diagnose/normalize.js';
import { shippedKnowledge } from '../helpers/kb.js';

describe('canonicalize', () => {
  it.each([
    ['2024-03-01T10:22:33.123456Z error here', '<ts> error here'],
    ['I0301 10:22:33.123456 1 kubelet.go:10] msg', '<ts> 1 kubelet.go:10] msg'],
    ['Mar  1 10:22:33 node1 kubelet[99]: failed', '<ts> node1 kubelet[99]: failed'],
    ['journal: Sep 4 01:02:03 started', 'journal: <ts> started'],
    ['uid 88d03583-3908-4084-b919-9b8fb370165a gone', 'uid <uuid> gone'],
    // between underscores, as the runtime and provisioners name things (\b saw no edge there)
    ['k8s_POD_web-0_default_88d03583-3908-4084-b919-9b8fb370165a_0', 'k8s_pod_web-0_default_<uuid>_0'],
    [
      '/opt/local-path-provisioner/pvc-88d03583-3908-4084-b919-9b8fb370165a_default_data',
      '/opt/local-path-provisioner/pvc-<uuid>_default_data',
    ],
    ['container_f9c0d3e6924472efda353e20_log', 'container_<hex>_log'],
    ['sandbox f9c0d3e6924472efda353e2068559634eb916661cb9e9ec4b0a31653572508d8 failed', 'sandbox <hex> failed'],
    ['dial tcp 10.96.0.1:443: i/o timeout', 'dial tcp <ip>:443: i/o timeout'],
    ['pod/test-app-55689bfd4c-wh9r6 failed', 'pod/test-app-<hash> failed'],
    ['pod calico-node-r4pvs is not ready', 'pod calico-node-<hash> is not ready'],
  ])('%s', (input, expected) => {
    expect(canonicalize(input)).toBe(expected);
  });

  it('keeps ordinary words that only look like suffixes', () => {
    expect(canonicalize('calico-node-ready kube-proxy-thing')).toBe('calico-node-ready kube-proxy-thing');
  });

  it('finds ids however a run of hex digits sits in the text (the presence test in front of the id regex)', () => {
    // the id regex alone, as it ran before the presence test; the alphabet can form no timestamp,
    // address or name suffix, so the other replacements leave these texts alone
    const ids = (text: string) =>
      text.replace(/(?<![0-9a-z])[0-9a-f]{8}(?:(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}|[0-9a-f]{4,56})(?![0-9a-z])/g, (id) =>
        id.includes('-') ? '<uuid>' : /\d/.test(id) && /[a-f]/.test(id) ? '<hex>' : id,
      );
    let seed = 5;
    const replaced = new Set<boolean>();
    for (let n = 0; n < 2000; n++) {
      let text = '';
      for (let i = 0; i < n % 90; i++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        text += 'ae0f13-o '[Math.floor((seed / 2 ** 31) * 9)];
      }
      replaced.add(ids(text) !== text);
      expect(canonicalize(text), JSON.stringify(text)).toBe(ids(text));
    }
    expect([...replaced].sort()).toEqual([false, true]);
  });
});

describe('normalizePaste', () => {
  it('strips ANSI colours, CRLF, markdown quotes, fences and backticks', () => {
    const paste = '```\r\n> \u001b[31mError:\u001b[0m `boom`   happened\r\n```';
    expect(normalizePaste(paste).display).toEqual(['Error: boom happened']);
  });

  it('drops colour codes a script printed as text (echo without -e), in every spelling, and keeps a lone backslash-e', () => {
    const paste =
      '\\e[93mChecking for stuck namespaces...\\e[0m\\e[96m found\\e[0m\n\\033[1;31mError\\x1B[0m and \\u001b[92mok\\u001b[0m\nC:\\edge\\e[x] stays';
    expect(normalizePaste(paste).display).toEqual(['Checking for stuck namespaces... found', 'Error and ok', 'C:\\edge\\e[x] stays']);
  });

  it('redacts a secret whose key and value a printed colour code separated', () => {
    const paste = normalizePaste('password:\\e[0m hunter2x rejected');
    expect(paste.display.join('\n')).not.toContain('hunter2x');
  });

  it('keeps the text of a markdown link GitHub made of a domain-like name (a taint key), not the link', () => {
    const copied =
      "0/3 nodes are available: 3 node(s) had taint {[node.kubernetes.io/disk-pressure](http://node.kubernetes.io/disk-pressure): }, that the pod didn't tolerate.";
    expect(normalizePaste(copied).display).toEqual([
      "0/3 nodes are available: 3 node(s) had taint {node.kubernetes.io/disk-pressure: }, that the pod didn't tolerate.",
    ]);
    // brackets that are no link, and a link a person wrote (its target can tell what the text does not), stay
    const written = 'a[0](x), [b](./c) and [the registry](https://console.cloud.google.com/gcr/images/google-containers)';
    expect(normalizePaste(written).display).toEqual([written]);
  });

  it('flattens a JSON log line to who printed it and its message, escapes undone, on its own line number', () => {
    const paste = String.raw`Starting
{"level":"error","caller":"ipamd/ipamd.go:4","msg":"failed to call webhook: Post \"https://x.svc:443\"\nsecond line","attempt":3}
Done`;
    const { display, lineNumbers } = normalizePaste(paste);
    expect(display[1]).toBe('error ipamd/ipamd.go:4 failed to call webhook: Post "https://x.svc:443" second line attempt=3');
    expect(lineNumbers).toEqual([1, 2, 3]);
  });

  it("reads Docker's json-file lines and journald's JSON: the message, one record per pasted line", () => {
    // the line break ending each "log" value used to stay inside the record, which shifted every
    // record after it against its canonical text (and crashed the evidence of a match)
    const paste = [
      '{"log":"I0912 08:14:03.000000 1 main.go:1] starting\\n","stream":"stderr","time":"2024-09-12T08:14:03.1Z"}',
      '{"log":"E0912 08:14:04.000000 1 install.go:412] Unable to create token\\n","stream":"stderr"}',
      '{"_SYSTEMD_UNIT":"kubelet.service","MESSAGE":"E0912 08:14:05.000000 1 kubelet.go:2] node \\"n1\\" not found"}',
    ].join('\n');
    const { display, canonical, lineNumbers } = normalizePaste(paste);
    expect(display).toEqual([
      'I0912 08:14:03.000000 1 main.go:1] starting stream=stderr time=2024-09-12T08:14:03.1Z',
      'E0912 08:14:04.000000 1 install.go:412] Unable to create token stream=stderr',
      'E0912 08:14:05.000000 1 kubelet.go:2] node "n1" not found _SYSTEMD_UNIT=kubelet.service',
    ]);
    expect(canonical).toHaveLength(3);
    expect(lineNumbers).toEqual([1, 2, 3]);
  });

  it('reads text copied from an editor: no-break spaces as spaces, no zero-width characters or byte-order mark', () => {
    // an editor keeps a run of spaces by making every other one U+00A0 (Slack's composer, a wiki)
    const paste = '\ufeffName:\u00a0 \u00a0 \u00a0aws-node\nAnnotations:\u00a0 <none>\nError:\u200b pod\u00a0has\u00adunbound';
    const { display, facts } = normalizePaste(paste);
    expect(display).toEqual(['Name: aws-node', 'Annotations: <none>', 'Error: pod hasunbound']);
    expect(facts.map((f) => `${f.field}=${f.value}`)).toContain('Annotations=<none>');
  });

  it("undoes an editor's smart quotes and dashes, HTML entities and JSON's \\u escapes, as a program printed them", () => {
    const { display } = normalizePaste(
      [
        'Error: failed calling webhook \u201cwebhook.cert-manager.io\u201d: can\u2019t connect \u2014insecure',
        '{\u201clevel\u201d:\u201cerror\u201d,\u201cmsg\u201d:\u201cboom\u201d}',
        'Error from server: failed calling webhook &quot;x&quot;: &lt;nil&gt; &amp;quot;',
        'E0101 status: \\u003cnil\\u003e and \\u0026',
      ].join('\n'),
    );
    expect(display).toEqual([
      'Error: failed calling webhook "webhook.cert-manager.io": can\'t connect --insecure',
      'error boom',
      'Error from server: failed calling webhook "x": <nil> &quot;',
      'E0101 status: <nil> and &',
    ]);
  });

  it('redacts a secret quoted with HTML entities: they are undone before the first pass', () => {
    const { display, redactions } = normalizePaste('env: DB_PASSWORD=&quot;hunter2hunter2&quot;');
    expect(display.join('\n')).not.toContain('hunter2');
    expect(redactions).toBe(1);
  });

  it('keeps a JSON log line its own record, whatever level it logs at', () => {
    // flattened, an info line reads "info controller Reconciling", which does not look like a
    // record's start: it must not be glued to the line before it, nor take that line's number
    const paste = [
      'W0912 08:14:03.000000 1 warnings.go:70] prefer a domain-qualified finalizer name',
      '{"level":"info","logger":"controller","msg":"Reconciling","name":"svc-3"}',
    ].join('\n');
    const { display, lineNumbers } = normalizePaste(paste);
    expect(display).toEqual([
      'W0912 08:14:03.000000 1 warnings.go:70] prefer a domain-qualified finalizer name',
      'info controller Reconciling name=svc-3',
    ]);
    expect(lineNumbers).toEqual([1, 2]);
  });

  it('reads Windows line endings as the same text: every shipped example gives the same records with CRLF', async () => {
    const kb = await shippedKnowledge();
    for (const incident of kb.incidents) {
      for (const example of [...incident.examples.match, ...incident.examples.noMatch]) {
        const lf = normalizePaste(example.text);
        const crlf = normalizePaste(example.text.replace(/\n/g, '\r\n'));
        expect(crlf.display, incident.id).toEqual(lf.display);
        expect(crlf.lineNumbers).toEqual(lf.lineNumbers);
      }
    }
  });

  it('takes both borders off a framed view (k9s, boxed tables)', () => {
    // every line is padded to the frame's width: that is no terminal's cut, so no line is joined mid-word
    const paste = `│ Error: exec /bin/connect-api: exec format error${' '.repeat(40)}│\n│ Error: stream closed EOF for x (api)${' '.repeat(51)}│`;
    expect(normalizePaste(paste).display).toEqual([
      'Error: exec /bin/connect-api: exec format error',
      'Error: stream closed EOF for x (api)',
    ]);
  });

  it('keeps original line numbers for the lines it keeps', () => {
    expect(normalizePaste('\n\nfirst\n\nsecond').lineNumbers).toEqual([3, 5]);
  });

  it('numbers lines from where the piece starts in the whole input', () => {
    expect(normalizePaste('First\n\nSecond', 40001).lineNumbers).toEqual([40001, 40003]);
  });

  it('recognises binary data', () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    expect(looksBinary(new TextDecoder().decode(bytes))).toBe(true);
    expect(looksBinary('plain text\twith tabs\nand lines')).toBe(false);
  });
});

describe('redaction order', () => {
  it('redacts the raw text first: unescaping cannot split a secret so that half of it survives', () => {
    // a password with a backslash sequence: JSON unescaping would cut it at "\n"
    const paste = normalizePaste('login failed SECRET_KEY=Ab\\nCd34xy rejected');
    expect(paste.display.join('\n')).not.toContain('Cd34xy');
    expect(paste.redactions).toBeGreaterThan(0);
  });

  it('redacts again after cleaning: a token freed from backticks is caught', () => {
    const paste = normalizePaste('request sent with bearer `kJ8s9dK2mZqP0xW3vT7yR4nB6c` and refused');
    expect(paste.display.join('\n')).not.toContain('kJ8s9dK2mZqP0xW3vT7yR4nB6c');
  });

  it('redacts again after unescaping JSON: an escaped key joins its value', () => {
    const paste = normalizePaste('{"msg":"config {\\"password\\":\\"hunter2x\\"} rejected"}');
    expect(paste.display.join('\n')).not.toContain('hunter2x');
  });

  it('redacts again after folding a wide gap: a key brought next to its value is caught', () => {
    const paste = normalizePaste('DB_PASSWORD:          hunter2x-not-a-placeholder');
    expect(paste.display.join('\n')).not.toContain('hunter2x');
  });

  it('redacts again after folding a gap of mixed white space (vertical tabs, form feeds) that holds no five spaces in a row', () => {
    const paste = normalizePaste('DB_PASSWORD:\v \f \v hunter2x-not-a-placeholder');
    expect(paste.display.join('\n')).not.toContain('hunter2x');
  });

  it('redacts again after removing colours: a key and value split by an escape sequence are caught', () => {
    const paste = normalizePaste('password:\u001b[0m hunter2x rejected');
    expect(paste.display.join('\n')).not.toContain('hunter2x');
  });

  it('redacts again after joining a wrapped line: a token split by the terminal is caught', () => {
    const token = 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB';
    const line = `E0101 00:00:00.000000 1 x.go:1] login with ${token} refused by the registry at registry.example.com`;
    const wrapped = `${line.slice(0, 60)}\n${line.slice(60, 120)}\n${line.slice(120)}`;
    expect(wrapped.split('\n')[0]).toHaveLength(60);
    const paste = normalizePaste(`${wrapped}\n${'y'.repeat(60)}`);
    expect(paste.display.join('\n')).not.toContain('0123456789abcdefghij');
  });
});
