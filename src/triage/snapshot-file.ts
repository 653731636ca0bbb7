import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, rmSync } from 'node:fs';
import { KubetriageError } from '../errors.js';

/**
 * The container a knowledge snapshot is stored in: a header line, then three regions.
 *
 * - the parsed part (one JSON text) and the eager part (bytes every load needs: the scanner's and
 *   owner table's arrays) are read at open and checked against the header's digest;
 * - the lazy part (each incident's fields, the postings) is read blob by blob when first needed,
 *   each blob checked against its own digest. A 10,000-incident snapshot is 150 MB, almost all of
 *   it incident text a paste never shows: a load reads and hashes a tenth of that.
 *
 * The file stays open while anything can still read from it (closed when its last reader is
 * collected), so an in-memory catalog keeps reading the bytes it was opened with even after a
 * newer snapshot replaced the file by rename.
 */
// 4: the plan's signature records moved from the parsed part to one lazy blob per incident
// (a line comment, so the container's description above stays this constant's doc comment)
export const CONTAINER_FORMAT = 4;

/** Byte offsets in the eager region. */
export interface Range {
  start: number;
  end: number;
}

/** Byte offsets in the lazy region, with the blob's own digest. */
export interface LazyRange extends Range {
  digest: string;
}

interface Header {
  format: number;
  key: string;
  digest: string;
  hotBytes: number;
  eagerBytes: number;
}

/**
 * A blob of the lazy region whose bytes no longer match its digest: the file was damaged after it
 * was written. A KubetriageError, so every adapter reports it as what it is.
 */
export class SnapshotDamagedError extends KubetriageError {
  constructor(readonly file: string) {
    super(
      'SNAPSHOT_DAMAGED',
      `knowledge snapshot ${file} is damaged; it has been removed if it could be, and the next run compiles the YAML again`,
    );
  }
}

/** Collects the eager and lazy blobs of a snapshot being written. */
export class SnapshotWriter {
  private readonly eagerParts: Buffer[] = [];
  private readonly lazyParts: Buffer[] = [];
  private eagerBytes = 0;
  private lazyBytes = 0;

  eager(bytes: Buffer): Range {
    this.eagerParts.push(bytes);
    this.eagerBytes += bytes.length;
    return { start: this.eagerBytes - bytes.length, end: this.eagerBytes };
  }

  lazy(bytes: Buffer): LazyRange {
    this.lazyParts.push(bytes);
    this.lazyBytes += bytes.length;
    return { start: this.lazyBytes - bytes.length, end: this.lazyBytes, digest: blobDigest(bytes) };
  }

  /** The whole file, with `hot` as the parsed part. */
  finish(key: string, hot: unknown): Buffer {
    const hotBytes = Buffer.from(JSON.stringify(hot));
    const eager = Buffer.concat(this.eagerParts);
    const header: Header = {
      format: CONTAINER_FORMAT,
      key,
      digest: digestOf([hotBytes, eager]),
      hotBytes: hotBytes.length,
      eagerBytes: eager.length,
    };
    return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), hotBytes, eager, ...this.lazyParts]);
  }
}

export interface OpenedSnapshot {
  hot: unknown;
  eager: Buffer;
  /** the bytes of a lazy blob, checked; throws SnapshotDamagedError when they are not what was written */
  lazy(range: LazyRange): Buffer;
}

/** The longest header line there is: a key and a digest in hex and three numbers. */
const HEADER_MAX = 1024;

const openFiles = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
});

/** The snapshot in `file` if it exists, is of this format, is stored under `key` and its eager part is intact. */
export function openSnapshot(file: string, key: string): OpenedSnapshot | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(HEADER_MAX, size));
    readSync(fd, head, 0, head.length, 0);
    const newline = head.indexOf(0x0a);
    if (newline < 0) throw new Error('no header');
    const header = JSON.parse(head.toString('utf8', 0, newline)) as Partial<Header>;
    if (header.format !== CONTAINER_FORMAT || header.key !== key) throw new Error('other knowledge or format');
    const { hotBytes, eagerBytes, digest } = header;
    if (typeof hotBytes !== 'number' || typeof eagerBytes !== 'number' || typeof digest !== 'string') throw new Error('bad header');
    const bodyStart = newline + 1;
    const lazyStart = bodyStart + hotBytes + eagerBytes;
    if (lazyStart > size) throw new Error('truncated');
    const body = Buffer.alloc(hotBytes + eagerBytes);
    readSync(fd, body, 0, body.length, bodyStart);
    const hotPart = body.subarray(0, hotBytes);
    const eager = body.subarray(hotBytes);
    if (digestOf([hotPart, eager]) !== digest) throw new Error('damaged');
    const hot = JSON.parse(hotPart.toString('utf8')) as unknown;
    const reader = {
      lazy(range: LazyRange): Buffer {
        const bytes = Buffer.alloc(range.end - range.start);
        const read = lazyStart + range.end <= size ? readSync(fd, bytes, 0, bytes.length, lazyStart + range.start) : -1;
        if (read !== bytes.length || blobDigest(bytes) !== range.digest) {
          rmSync(file, { force: true });
          throw new SnapshotDamagedError(file);
        }
        return bytes;
      },
    };
    openFiles.register(reader, fd);
    return { hot, eager, lazy: (range) => reader.lazy(range) };
  } catch {
    closeSync(fd);
    return undefined;
  }
}

function digestOf(parts: Buffer[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

/** 64 bits of SHA-256 per blob: plenty to tell damaged bytes from the ones written. */
function blobDigest(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}
