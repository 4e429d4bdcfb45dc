// Helper threads that make scripts of a large build beside the main thread (perf, issue 6).
// The CLI's build is synchronous, and so is the pool: replies are read with
// receiveMessageOnPort, and either side waits with Atomics.wait on a counter the other
// bumps after each message.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
} from "node:worker_threads";
import {
  OffloadWriteError,
  type HelperThreads,
  type Offload,
  type ScriptJob,
  type WrittenFile,
} from "../emit/offload.js";
import {
  FIRST_INBOX,
  GONE,
  REPLIED,
  STOP,
  type FromWorker,
  type ToWorker,
  type WorkerSetup,
} from "./helper-protocol.js";

/**
 * By default a build uses helpers only for this many scripts or more. On the 2-vCPU machine
 * of the benchmark, a helper made builds of 2,500 and 5,000 VMs about even (starting it, and
 * sharing the work, cost about what it saved), 10,000 VMs ~7% faster and 50,000 VMs ~20%
 * faster (docs/performance.md). `--jobs N` uses them for any build.
 */
export const MIN_OFFLOADED_SCRIPTS = 8192;

/**
 * By default helpers start while the input is checked, for a source of at least this many
 * bytes: a helper takes ~100 ms to start and compile emission's code, which the check of a
 * large input hides. 8,192 scripts take ~400 KB of topology or more; a source this large with
 * fewer dismisses its helpers unused.
 */
export const MIN_SOURCE_BYTES = 256 * 1024;

/**
 * Work sent to one helper and not yet answered (a script costs 1). Enough that it never
 * waits for the next message, and no more: at the end of a build the main thread waits
 * while a helper finishes what it was sent (~15 ms for 256 scripts), and a busy machine
 * makes that longer. It also bounds the memory of views and replies in flight.
 */
const IN_FLIGHT = 256;

interface Helper {
  worker: Worker;
  port: MessagePort;
  inbox: number;
  /** The cost of each message sent and not yet answered, oldest first. */
  costs: number[];
  inFlight: number;
  closed: boolean;
}

class HelperPool implements Offload {
  private readonly helpers: Helper[] = [];
  private readonly flags: Int32Array;
  /** Whether it was given a folder, and so may have written into it. */
  used = false;

  constructor(count: number, workerFile: string) {
    this.flags = new Int32Array(new SharedArrayBuffer(4 * (FIRST_INBOX + count)));
    for (let i = 0; i < count; i++) {
      const { port1, port2 } = new MessageChannel();
      const setup: WorkerSetup = {
        port: port2,
        signal: this.flags.buffer as SharedArrayBuffer,
        inbox: FIRST_INBOX + i,
      };
      const worker = new Worker(workerFile, {
        workerData: setup,
        transferList: [port2],
        // What a helper allocates dies with the file it makes: a young generation of 16 MB,
        // a third of the default, costs no time and ~20 MB less memory (perf, issue 6).
        resourceLimits: { maxYoungGenerationSizeMb: 16 },
      });
      worker.unref();
      this.helpers.push({
        worker,
        port: port1,
        inbox: FIRST_INBOX + i,
        costs: [],
        inFlight: 0,
        closed: false,
      });
    }
  }

  /** Where the files go; sent before any work. */
  useFolder(folder: string): void {
    this.used = true;
    for (const helper of this.helpers) this.send(helper, { folder }, null);
  }

  /** Stops helpers that were never given work, without waiting for them. */
  dismiss(): void {
    for (const helper of this.helpers) void helper.worker.terminate();
  }

  room(): number {
    let room = 0;
    for (const helper of this.helpers) room += Math.max(0, IN_FLIGHT - helper.inFlight);
    return room;
  }

  /** `cost`: what the message costs until its reply comes; null for one without a reply. */
  private send(helper: Helper, message: ToWorker, cost: number | null): void {
    helper.port.postMessage(message);
    if (cost !== null) {
      helper.costs.push(cost);
      helper.inFlight += cost;
    }
    Atomics.add(this.flags, helper.inbox, 1);
    Atomics.notify(this.flags, helper.inbox);
  }

  submit(jobs: ScriptJob[]): void {
    let chosen = this.helpers[0] as Helper;
    for (const helper of this.helpers) if (helper.inFlight < chosen.inFlight) chosen = helper;
    this.send(chosen, { jobs }, jobs.length);
  }

  finished(): WrittenFile[] {
    return this.collect(true);
  }

  /** Reads every reply that has come; `raise`: throw a helper's failure. */
  private collect(raise: boolean): WrittenFile[] {
    const written: WrittenFile[] = [];
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
        helper.inFlight -= helper.costs.shift() ?? 0;
        if (!("error" in message)) written.push(...message.written);
        else if (!raise) continue;
        else if (message.io) throw new OffloadWriteError(message.error);
        else throw new Error(`in a helper thread: ${message.error}`);
      }
    }
    return written;
  }

  /** Whether a helper stopped by an error of its own loop: it will never answer. */
  private gone(): boolean {
    return Atomics.load(this.flags, GONE) !== 0;
  }

  /** Waits until `done` holds, reading replies as they come. */
  private waitUntil(done: () => boolean, raise: boolean): WrittenFile[] {
    const written: WrittenFile[] = [];
    for (;;) {
      const seen = Atomics.load(this.flags, REPLIED);
      written.push(...this.collect(raise));
      if (done()) return written;
      if (this.gone()) throw new Error("a helper thread stopped unexpectedly");
      Atomics.wait(this.flags, REPLIED, seen, 1000);
    }
  }

  drain(): WrittenFile[] {
    return this.waitUntil(() => this.helpers.every((helper) => helper.inFlight === 0), true);
  }

  /**
   * Stops the helpers and waits until each has finished what it was doing: after a failure
   * the bundle's temporary folder is removed, and no helper may still be writing into it.
   */
  close(): void {
    Atomics.store(this.flags, STOP, 1);
    for (const helper of this.helpers) this.send(helper, { close: true }, null);
    try {
      this.waitUntil(() => this.helpers.every((helper) => helper.closed), false);
    } catch {
      // A helper is gone (see `gone`); the others are stopped without waiting.
      this.dismiss();
    }
    for (const helper of this.helpers) helper.port.close();
  }
}

/** The CPUs this process may use, at most 4: beyond that the main thread bounds a build. */
function defaultThreads(): number {
  return Math.min(4, availableParallelism());
}

/**
 * Starts `threads - 1` helper threads (the main thread is one) for a build of a source of
 * `sourceBytes`, or none when that is 1 or the helper's bundle is missing (the CLI run from
 * its sources: it is dist/hvnest-worker.cjs). `threads` null is the default: helpers only
 * for a large build (above), as many as there are CPUs, at most 4.
 */
export function startHelpers(
  threads: number | null,
  sourceBytes: number,
  workerFile: string | null,
): HelperThreads | null {
  if (threads === null && sourceBytes < MIN_SOURCE_BYTES) return null;
  const count = (threads ?? defaultThreads()) - 1;
  if (count < 1 || workerFile === null || !existsSync(workerFile)) return null;
  const pool = new HelperPool(count, workerFile);
  const least = threads === null ? MIN_OFFLOADED_SCRIPTS : 1;
  return {
    offloadFor: (folder) => (scripts) => {
      if (scripts < least || pool.used) return null;
      pool.useFolder(folder);
      return pool;
    },
    dismiss: () => {
      if (!pool.used) pool.dismiss();
    },
  };
}
