/** What a CLI command may touch; tests pass an in-memory one. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /**
   * The bytes of a file, or of stdin for "-", as they are read: a 5 MB log is never held whole.
   * A file that cannot be opened fails on the first read, with the system's error code.
   */
  read(path: string): AsyncIterable<Uint8Array>;
  /** colours and other niceties only for a person at a terminal */
  isTty: boolean;
  /**
   * A status line that replaces the previous one ("" clears it), for a person watching stderr;
   * absent when stderr is not a terminal, so a pipe or a CI log gets the result alone.
   */
  progress?: (line: string) => void;
}
