// What emission needs of helper threads that make scripts of a large build beside the main
// thread (perf, issue 6). src/io/helper-pool.ts provides them; emission stays free of
// threads and files, and without an offload makes everything itself.
import type { ScriptKind, ScriptView } from "./view-model.js";

/** A script to render and write: its file name in the bundle, its template and view. */
export interface ScriptJob {
  path: string;
  kind: ScriptKind;
  view: ScriptView;
}

/** A file an offload has written, with the SHA-256 of its bytes. */
export interface WrittenFile {
  path: string;
  sha256: string;
}

export interface Offload {
  /**
   * How many more scripts it takes now: what is in flight is bounded. Answers that came
   * count only once `finished` (or `drain`) has read them.
   */
  room(): number;
  submit(jobs: ScriptJob[]): void;
  /** Files written since the last call; never waits. */
  finished(): WrittenFile[];
  /** Waits until everything sent is written; the files not returned before. */
  drain(): WrittenFile[];
  /** Stops the helper threads; called once, whether emission finished or failed. */
  close(): void;
}

/** Given the number of scripts, an offload for them, or null to make all on this thread. */
export type OffloadFor = (scripts: number) => Offload | null;

/** Helper threads started ahead of a build, while its input is checked. */
export interface HelperThreads {
  /** What emission may hand work to, writing into `folder`: used only for a large build. */
  offloadFor(folder: string): OffloadFor;
  /** Stops the helpers if no build used them (errors in the input, a small build). */
  dismiss(): void;
}

/** An offload's failure to write a file (a full disk, permissions): an I/O problem, not a bug. */
export class OffloadWriteError extends Error {
  override name = "OffloadWriteError";
}
