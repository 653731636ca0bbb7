/** A piece of the input: text and the number of its first line in the whole input. */
export interface InputPiece {
  text: string;
  firstLine: number;
}

/** The input is normalised in pieces of about this size, so memory stays flat however long it is. */
export const PIECE_CHARS = 256 * 1024;

/** Where to cut text near `size`: after a blank line if one is in the second half (no record is split), else after a newline. */
function cutPoint(text: string, size: number): number {
  if (text.length <= size) return text.length;
  const blank = text.lastIndexOf('\n\n', size);
  if (blank > size / 2) return blank + 1;
  const newline = text.lastIndexOf('\n', size);
  return newline > 0 ? newline + 1 : size;
}

export function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Cuts text into pieces at line ends. */
export function* piecesOf(text: string, size = PIECE_CHARS): Generator<InputPiece> {
  let rest = text;
  let firstLine = 1;
  while (rest.length > 0) {
    const end = cutPoint(rest, size);
    const piece = rest.slice(0, end);
    yield { text: piece, firstLine };
    firstLine += countLines(piece);
    rest = rest.slice(end);
  }
}

/**
 * The encoding a byte-order mark names. Windows PowerShell 5 writes `kubectl logs … > file` as
 * UTF-16 with a mark; read as UTF-8, every other byte is a NUL and the log looks binary.
 */
function encodingOf(head: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** A decoder for text whose first bytes are `head` (fewer than two bytes read as UTF-8). */
function decoderFor(head: Uint8Array): InstanceType<typeof TextDecoder> {
  return new TextDecoder(encodingOf(head), { fatal: false });
}

/** Bytes held whole (a downloaded file) as text, decoded as piecesFromStream decodes a stream. */
export function decodeBytes(bytes: Uint8Array): string {
  return decoderFor(bytes).decode(bytes);
}

/**
 * The same pieces from a byte stream (a file, stdin): decoded as the bytes arrive (UTF-8, or the
 * UTF-16 a byte-order mark names), cut as soon as a piece is full, so at most one piece and one
 * chunk are held at a time.
 */
export async function* piecesFromStream(chunks: AsyncIterable<Uint8Array>, size = PIECE_CHARS): AsyncGenerator<InputPiece> {
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  // the first bytes, held until there are two to read a byte-order mark from
  let head: Uint8Array = new Uint8Array(0);
  let buffer = '';
  let firstLine = 1;
  const take = (end: number): InputPiece => {
    const piece = { text: buffer.slice(0, end), firstLine };
    firstLine += countLines(piece.text);
    buffer = buffer.slice(end);
    return piece;
  };
  for await (const chunk of chunks) {
    let bytes: Uint8Array = chunk;
    if (decoder === undefined) {
      bytes = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
      if (bytes.length < 2) {
        head = bytes;
        continue;
      }
      decoder = decoderFor(bytes);
    }
    buffer += decoder.decode(bytes, { stream: true });
    while (buffer.length > size) yield take(cutPoint(buffer, size));
  }
  if (decoder === undefined) {
    // fewer than two bytes in all
    decoder = decoderFor(head);
    buffer += decoder.decode(head, { stream: true });
  }
  buffer += decoder.decode();
  while (buffer.length > 0) yield take(cutPoint(buffer, size));
}
