// What the main thread and the helper threads of src/io/helper-pool.ts say to each other.
import type { MessagePort } from "node:worker_threads";
import type { ScriptJob, WrittenFile } from "../emit/offload.js";

/** What the pool gives each helper. */
export interface WorkerSetup {
  port: MessagePort;
  /**
   * Int32 counters: [REPLIED] is bumped after every reply, [STOP] set when the pool stops,
   * [GONE] set by a helper that stops by an error outside any piece of work,
   * [inbox] bumped after every message to this helper, so that either side can wait.
   */
  signal: SharedArrayBuffer;
  inbox: number;
}

export const REPLIED = 0;
export const STOP = 1;
export const GONE = 2;
/** The first helper's [inbox]; the others follow. */
export const FIRST_INBOX = 3;

/**
 * Messages from the pool; each but `folder` and `close` gets exactly one reply. Helpers
 * start before the bundle's folder exists (while the input is checked): `folder` comes first.
 */
export type ToWorker = { folder: string } | { jobs: ScriptJob[] } | { close: true };
export type FromWorker =
  { written: WrittenFile[] } | { error: string; io: boolean } | { closed: true };
