/** What a CLI command may touch; tests pass an in-memory one. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readStdin(): Promise<Buffer>;
  readFile(path: string): Promise<Buffer>;
  /** colours and other niceties only for a person at a terminal */
  isTty: boolean;
}

export function decodeText(bytes: Buffer): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}
