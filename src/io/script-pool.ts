// Helper threads that render, hash and write scripts beside the main thread (perf, issue 6).
// The CLI's build is synchronous, so the pool is too: replies are read with
// receiveMessageOnPort, and waiting is Atomics.wait on a counter each helper bumps.
import { existsSync } from "node:fs";
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
} from "node:worker_threads";
import {
  OffloadWriteError,
  type OffloadFor,
  type ScriptJob,
  type ScriptOffload,
  type WrittenScript,
} from "../emit/offload.js";
import type { FromWorker, ToWorker, WorkerSetup } from "./script-worker.js";

/**
 * Below this many scripts a build renders them all on the main thread: starting a helper
 * (~20 ms of the other CPU) and sending it views cost more than they save.
 */
export const MIN_OFFLOADED_SCRIPTS = 512;

/** Scripts sent to one helper and not yet answered: bounds the memory of views and replies. */
const IN_FLIGHT = 1024;

interface Helper {
  worker: Worker;
  port: MessagePort;
  /** The size of each batch sent and not yet answered, oldest first. */
  batches: number[];
  inFlight: number;
  closed: boolean;
}

class ScriptPool implements ScriptOffload {
  private readonly helpers: Helper[] = [];
  private readonly flags = new Int32Array(new SharedArrayBuffer(8));

  constructor(folder: string, count: number, workerFile: string) {
    for (let i = 0; i < count; i++) {
      const { port1, port2 } = new MessageChannel();
      const setup: WorkerSetup = {
        folder,
        port: port2,
        signal: this.flags.buffer as SharedArrayBuffer,
      };
      const worker = new Worker(workerFile, {
        workerData: setup,
        transferList: [port2],
        // What a helper allocates dies with the script it renders: a young generation of
        // 16 MB, a third of the default, costs no time and ~20 MB less memory (perf, issue 6).
        resourceLimits: { maxYoungGenerationSizeMb: 16 },
      });
      worker.unref();
      this.helpers.push({ worker, port: port1, batches: [], inFlight: 0, closed: false });
    }
  }

  room(): number {
    let room = 0;
    for (const helper of this.helpers) room += Math.max(0, IN_FLIGHT - helper.inFlight);
    return room;
  }

  submit(jobs: ScriptJob[]): void {
    let helper = this.helpers[0] as Helper;
    for (const other of this.helpers) if (other.inFlight < helper.inFlight) helper = other;
    const message: ToWorker = { jobs };
    helper.port.postMessage(message);
    helper.batches.push(jobs.length);
    helper.inFlight += jobs.length;
  }

  finished(): WrittenScript[] {
    return this.collect(true);
  }

  /** Reads every reply that has come; `raise`: throw a helper's failure. */
  private collect(raise: boolean): WrittenScript[] {
    const written: WrittenScript[] = [];
    for (const helper of this.helpers) {
      for (
        let got = receiveMessageOnPort(helper.port);
        got;
        got = receiveMessageOnPort(helper.port)
      ) {
        const message = got.message as FromWorker;
        if ("closed" in message) {
          helper.closed = true;
          continue;
        }
        helper.inFlight -= helper.batches.shift() ?? 0;
        if (!("error" in message)) written.push(...message.written);
        else if (!raise) continue;
        else if (message.io) throw new OffloadWriteError(message.error);
        else throw new Error(`in a script-rendering thread: ${message.error}`);
      }
    }
    return written;
  }

  /** Waits until `done` holds, reading replies as they come. */
  private waitUntil(done: () => boolean, raise: boolean): WrittenScript[] {
    const written: WrittenScript[] = [];
    for (;;) {
      const seen = Atomics.load(this.flags, 0);
      written.push(...this.collect(raise));
      if (done()) return written;
      Atomics.wait(this.flags, 0, seen, 1000);
    }
  }

  drain(): WrittenScript[] {
    return this.waitUntil(() => this.helpers.every((helper) => helper.inFlight === 0), true);
  }

  /**
   * Stops the helpers and waits until each has finished the batch at hand: after a failure
   * the bundle's temporary folder is removed, and no helper may still be writing into it.
   */
  close(): void {
    Atomics.store(this.flags, 1, 1);
    const message: ToWorker = { close: true };
    for (const helper of this.helpers) helper.port.postMessage(message);
    this.waitUntil(() => this.helpers.every((helper) => helper.closed), false);
    for (const helper of this.helpers) helper.port.close();
  }
}

/**
 * An offload into `folder` with `threads - 1` helper threads (the main thread is one), or
 * none when `threads` is 1, the build is small, or the helper's bundle is missing (the CLI
 * run from its sources: the helper is dist/hvnest-worker.cjs).
 */
export function scriptPool(folder: string, threads: number, workerFile: string | null): OffloadFor {
  return (scripts) =>
    threads > 1 && scripts >= MIN_OFFLOADED_SCRIPTS && workerFile !== null && existsSync(workerFile)
      ? new ScriptPool(folder, threads - 1, workerFile)
      : null;
}
