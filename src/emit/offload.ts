// What emission needs of helper threads that render, hash and write scripts of a large build
// beside the main thread (perf, issue 6). src/io/script-pool.ts provides them; emission
// stays free of threads and files, and without an offload renders everything itself.
import type { ScriptKind, ScriptView } from "./view-model.js";

/** A script to render and write: its file name in the bundle, its template and view. */
export interface ScriptJob {
  path: string;
  kind: ScriptKind;
  view: ScriptView;
}

/** A script an offload has written, with the SHA-256 of its bytes. */
export interface WrittenScript {
  path: string;
  sha256: string;
}

export interface ScriptOffload {
  /** How many more scripts it takes now; it holds only so many in flight, to bound memory. */
  room(): number;
  submit(jobs: ScriptJob[]): void;
  /** Scripts written since the last call; never waits. */
  finished(): WrittenScript[];
  /** Waits until every submitted script is written; those not returned before. */
  drain(): WrittenScript[];
  /** Stops the helper threads; called once, whether emission finished or failed. */
  close(): void;
}

/** Given the number of scripts, an offload for them, or null to render all on this thread. */
export type OffloadFor = (scripts: number) => ScriptOffload | null;

/** An offload's failure to write a file (a full disk, permissions): an I/O problem, not a bug. */
export class OffloadWriteError extends Error {
  override name = "OffloadWriteError";
}
