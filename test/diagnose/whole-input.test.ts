import { describe, expect, it } from 'vitest';
import { diagnose, diagnosePieces, diagnoseStream } from '../../src/diagnose/diagnose.js';
import { PIECE_CHARS, piecesFromStream, piecesOf } from '../../src/diagnose/pieces.js';
import { shippedKnowledge } from '../helpers/kb.js';

const KNOWN =
  'E0912 08:14:01.123456 1 install.go:412] calico-node-x7k2p install-cni: Unable to create token for CNI kubeconfig error=Unauthorized';

/** About `bytes` of ordinary klog noise with the known error on line `at`. */
function logWith(bytes: number, at: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `I0912 08:14:${String(i % 60).padStart(2, '0')}.000000 1 reflector.go:${200 + (i % 90)}] Listing and watching *v1.Pod n=${i}`;
    lines.push(line);
    size += line.length + 1;
  }
  lines[at - 1] = KNOWN;
  return lines.join('\n');
}

async function* chunks(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text);
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

describe('the whole input is read, in pieces', () => {
  it('a 5 MB log with one known error in the middle: found, on its true line number', async () => {
    const kb = await shippedKnowledge();
    const log = logWith(5 * 1024 * 1024, 40001);
    const result = await diagnoseStream(piecesFromStream(chunks(log, 64 * 1024)), kb);
    expect(result.verdict).toBe('match');
    expect(result.matches[0]?.id).toBe('kops-sa-issuer-change');
    expect(result.matches[0]?.evidence[0]?.line).toBe(40001);
    expect(result.input.truncated).toBe(false);
    // the same text in memory gives the same answer
    expect(diagnose(log, kb).matches[0]?.evidence[0]?.line).toBe(40001);
  });

  it('reads a file Windows PowerShell wrote (UTF-16 with a byte-order mark) as the text it is, in any chunking', async () => {
    const kb = await shippedKnowledge();
    const log = logWith(300 * 1024, 501);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(log, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const bytes of [le, be]) {
      for (const size of [1, 3, 64 * 1024]) {
        async function* from(): AsyncGenerator<Uint8Array> {
          for (let offset = 0; offset < Math.min(bytes.length, size === 1 ? 64 : bytes.length); offset += size)
            yield bytes.subarray(offset, offset + size);
          if (size === 1) yield bytes.subarray(64);
        }
        const result = await diagnoseStream(piecesFromStream(from()), kb);
        expect(result.verdict).toBe('match');
        expect(result.matches[0]?.evidence[0]?.line).toBe(501);
      }
    }
    // a stream of a single byte is still read
    const one = [];
    for await (const piece of piecesFromStream(
      (async function* () {
        yield Buffer.from('x');
      })(),
    ))
      one.push(piece.text);
    expect(one).toEqual(['x']);
  });

  it('holds at most one piece: every piece is cut at a line end, and together they are the input', async () => {
    const log = logWith(2 * 1024 * 1024, 7);
    const pieces = [];
    for await (const piece of piecesFromStream(chunks(log, 100_000))) pieces.push(piece);
    expect(pieces.length).toBeGreaterThan(5);
    for (const piece of pieces) expect(piece.text.length).toBeLessThanOrEqual(PIECE_CHARS);
    expect(pieces.map((p) => p.text).join('')).toBe(log);
    for (const piece of pieces.slice(0, -1)) expect(piece.text.endsWith('\n')).toBe(true);
    expect(pieces.map((p) => p.firstLine)).toEqual([...piecesOf(log)].map((p) => p.firstLine));
  });

  it('a requires context in one piece counts for a signature firing in a later one', async () => {
    const kb = await shippedKnowledge();
    // the vpc-cni decisive signature needs IRSA context anywhere in the paste
    const context = 'We run the vpc-cni add-on with IRSA (eks.amazonaws.com/role-arn).';
    const error =
      '2m Warning MissingIAMPermissions pod/aws-node-lps4s Unauthorized operation: failed to call ec2:DescribeNetworkInterfaces due to missing permissions.';
    const pieces = [
      { text: `${context}\n`, firstLine: 1 },
      { text: `${error}\n`, firstLine: 2 },
    ];
    const split = diagnosePieces(pieces, kb);
    const whole = diagnose(`${context}\n${error}\n`, kb);
    expect(split.matches[0]).toMatchObject({ id: 'vpc-cni-irsa-annotation-missing', score: whole.matches[0]?.score });
    expect(split.matches[0]?.evidence.map((e) => e.signature)).toContain('aws-node-missing-permissions-irsa-context');
  });

  it('a spent budget stops the reading and says from which line on nothing was read', async () => {
    const kb = await shippedKnowledge();
    const log = logWith(3 * PIECE_CHARS, 10);
    const result = diagnose(log, kb, { budgetMs: 0 });
    expect(result.input.truncated).toBe(true);
    expect(result.input.skipped?.fromLine).toBe([...piecesOf(log)][1]?.firstLine);
    expect(result.input.skipped?.reason).toMatch(/time budget/);
    // what was read is still answered
    expect(result.matches[0]?.id).toBe('kops-sa-issuer-change');
  });
});
