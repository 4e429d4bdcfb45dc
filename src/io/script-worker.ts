// A helper thread of src/io/script-pool.ts: renders, hashes and writes the scripts it is
// sent, into the folder the bundle is being written to. Bundled on its own as
// dist/hvnest-worker.cjs, without the parser and rules.
import { createHash } from "node:crypto";
import { join } from "node:path";
import { workerData, type MessagePort } from "node:worker_threads";
import type { ScriptJob, WrittenScript } from "../emit/offload.js";
import { scriptChunks } from "../emit/script-chunks.js";
import { checkName, writeNew } from "./write-bundle.js";

/** What the pool gives each helper. */
export interface WorkerSetup {
  folder: string;
  port: MessagePort;
  /** [0]: bumped after every reply, so that the main thread can wait for one; [1]: stop. */
  signal: SharedArrayBuffer;
}

/** Messages from the pool, and replies to it. */
export type ToWorker = { jobs: ScriptJob[] } | { close: true };
export type FromWorker =
  { written: WrittenScript[] } | { error: string; io: boolean } | { closed: true };

const { folder, port, signal } = workerData as WorkerSetup;
const flags = new Int32Array(signal);

function reply(message: FromWorker): void {
  port.postMessage(message);
  Atomics.add(flags, 0, 1);
  Atomics.notify(flags, 0);
}

function write(job: ScriptJob): WrittenScript {
  checkName(job.path);
  const chunks = scriptChunks(job.path, job.kind, job.view);
  const hash = createHash("sha256");
  for (const chunk of chunks) hash.update(chunk);
  try {
    writeNew(join(folder, job.path), chunks);
  } catch (error) {
    throw Object.assign(error as Error, { io: true });
  }
  return { path: job.path, sha256: hash.digest("hex") };
}

let failed = false;
port.on("message", (message: ToWorker) => {
  if ("close" in message) {
    reply({ closed: true });
    port.close();
    return;
  }
  // After a failure, or once the pool stops, the rest is skipped, answered as written
  // nothing, so that the pool's count of scripts in flight still comes down.
  const written: WrittenScript[] = [];
  try {
    for (const job of message.jobs) {
      if (failed || Atomics.load(flags, 1) !== 0) break;
      written.push(write(job));
    }
  } catch (error) {
    failed = true;
    const io = (error as { io?: boolean }).io === true;
    reply({ error: error instanceof Error ? error.message : String(error), io });
    return;
  }
  reply({ written });
});
