import type { HelperThreads } from "../emit/offload.js";

/** What a command may do to the outside world; src/cli.ts provides the real one, tests a fake. */
export interface CliIo {
  /** The bytes of a file, or throws a Node-style error with `code` (ENOENT, EISDIR, ...). */
  readFile(path: string): Uint8Array;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Colour the text format (stdout is a terminal and NO_COLOR is unset). */
  color: boolean;
  /**
   * Writes a bundle whole into DIR (see src/io/write-bundle.ts), or throws an Error whose
   * message is for people. `files` may be a function of the folder the files go into first.
   * Only `hvnest build` uses it.
   */
  writeBundle?(
    dir: string,
    files:
      | Iterable<{ path: string; chunks: Iterable<Uint8Array> | null }>
      | ((folder: string) => Iterable<{ path: string; chunks: Iterable<Uint8Array> | null }>),
    options: { force: boolean },
  ): void;
  /**
   * Starts helper threads for a build, `threads` in all with the main one (null: as many
   * as there are CPUs, at most 4), for a source of `sourceBytes` (src/io/helper-pool.ts);
   * null when none would pay. Without it, a build makes every file itself.
   */
  startHelpers?(threads: number | null, sourceBytes: number): HelperThreads | null;
}

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;

/** Raised for a usage problem; main prints the message and exits with EXIT_USAGE. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Turns a file-system error into one line for people, without a stack trace. */
export function describeReadError(path: string, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case "ENOENT":
      return `cannot read ${path}: no such file`;
    case "EISDIR":
      return `cannot read ${path}: it is a directory; pass .hvnest files`;
    case "EACCES":
    case "EPERM":
      return `cannot read ${path}: permission denied`;
    default:
      return `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`;
  }
}
