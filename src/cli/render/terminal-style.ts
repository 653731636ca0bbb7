export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  good(text: string): string;
  bad(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

export function terminalStyle(colour: boolean): Style {
  if (!colour) {
    const plain = (text: string) => text;
    return { bold: plain, dim: plain, good: plain, bad: plain };
  }
  return { bold: wrap(1, 22), dim: wrap(2, 22), good: wrap(32, 39), bad: wrap(33, 39) };
}
