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
 * The same pieces from a byte stream (a file, stdin): decoded as UTF-8 as the bytes arrive, cut
 * as soon as a piece is full, so at most one piece and one chunk are held at a time.
 */
export async function* piecesFromStream(chunks: AsyncIterable<Uint8Array>, size = PIECE_CHARS): AsyncGenerator<InputPiece> {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let buffer = '';
  let firstLine = 1;
  const take = (end: number): InputPiece => {
    const piece = { text: buffer.slice(0, end), firstLine };
    firstLine += countLines(piece.text);
    buffer = buffer.slice(end);
    return piece;
  };
  for await (const chunk of chunks) {
    buffer += decoder.decode(chunk, { stream: true });
    while (buffer.length > size) yield take(cutPoint(buffer, size));
  }
  buffer += decoder.decode();
  while (buffer.length > 0) yield take(cutPoint(buffer, size));
}
