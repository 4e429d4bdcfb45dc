// What emission needs of helper threads that make files of a large build beside the main
// thread (perf, issue 6): scripts, and the pieces of topology.json and README.md.
// src/io/helper-pool.ts provides them; emission stays free of threads and files, and
// without an offload makes everything itself.
import type { Piece } from "./pieces.js";
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

/** What one message of a streamed file costs against `room`, as a script costs 1. */
export const STREAM_MESSAGE_COST = 64;

export interface Offload {
  /**
   * How much more work it takes now (a script costs 1): what is in flight is bounded. With
   * nothing in flight, at least STREAM_MESSAGE_COST, or emission would wait for ever.
   */
  room(): number;
  submit(jobs: ScriptJob[]): void;
  /**
   * The next pieces of the file `path`, the last ones when `end`: the file is made from
   * them, in order, by one helper, and reported written once it has them all.
   */
  stream(path: string, pieces: Piece[], end: boolean): void;
  /** Files written since the last call; never waits. */
  finished(): WrittenFile[];
  /** Waits until a helper has answered something; the files written since the last call. */
  wait(): WrittenFile[];
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
