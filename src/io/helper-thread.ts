// A helper thread of src/io/helper-pool.ts: makes the scripts it is sent, into the folder the
// bundle is being written to, with emission's own code. Bundled on its own as
// dist/hvnest-worker.cjs, without the parser, the rules and the large files. It runs one
// synchronous loop.
import { join } from "node:path";
import { receiveMessageOnPort, workerData } from "node:worker_threads";
import type { ScriptJob, WrittenFile } from "../emit/offload.js";
import { digest } from "../emit/hash.js";
import {
  GONE,
  REPLIED,
  STOP,
  type FromWorker,
  type ToWorker,
  type WorkerSetup,
} from "./helper-protocol.js";
import { scriptChunks } from "../emit/script-chunks.js";
import { checkName, writeNew } from "./write-bundle.js";

/** Marks a failure to write as an I/O problem rather than a bug. */
class WriteFailure extends Error {}

function write(folder: string, path: string, chunks: Iterable<Uint8Array>): void {
  checkName(path);
  try {
    writeNew(join(folder, path), chunks);
  } catch (error) {
    // A failure to make the text surfaces here too, from inside the chunks being written.
    if ((error as NodeJS.ErrnoException).code === undefined) throw error;
    throw new WriteFailure((error as Error).message);
  }
}

function run({ port, signal, inbox }: WorkerSetup): void {
  let folder = "";
  const flags = new Int32Array(signal);
  const reply = (message: FromWorker): void => {
    port.postMessage(message);
    Atomics.add(flags, REPLIED, 1);
    Atomics.notify(flags, REPLIED);
  };
  const next = (): ToWorker => {
    for (;;) {
      const seen = Atomics.load(flags, inbox);
      const got = receiveMessageOnPort(port);
      if (got) return got.message as ToWorker;
      Atomics.wait(flags, inbox, seen);
    }
  };
  const stopped = () => Atomics.load(flags, STOP) !== 0;

  function makeScripts(jobs: ScriptJob[]): WrittenFile[] {
    const written: WrittenFile[] = [];
    for (const job of jobs) {
      if (stopped()) break;
      // A script's few chunks stay an array: hashed, then written with one writev.
      const chunks = scriptChunks(job.path, job.kind, job.view);
      const sha256 = digest(chunks);
      write(folder, job.path, chunks);
      written.push({ path: job.path, sha256 });
    }
    return written;
  }

  let failed = false;
  for (let message = next(); !("close" in message); message = next()) {
    if ("folder" in message) {
      folder = message.folder;
      continue;
    }
    // After a failure, or once the pool stops, work is skipped but still answered, so
    // that the pool's count of work in flight comes down.
    if (failed || stopped()) {
      reply({ written: [] });
      continue;
    }
    try {
      reply({ written: makeScripts(message.jobs) });
    } catch (error) {
      failed = true;
      const io = error instanceof WriteFailure;
      reply({ error: error instanceof Error ? error.message : String(error), io });
    }
  }
  reply({ closed: true });
  port.close();
}

const setup = workerData as WorkerSetup;
try {
  run(setup);
} catch (error) {
  // Work has its own errors answered in run(); this is the loop itself failing.
  const flags = new Int32Array(setup.signal);
  Atomics.store(flags, GONE, 1);
  Atomics.add(flags, REPLIED, 1);
  Atomics.notify(flags, REPLIED);
  throw error;
}
