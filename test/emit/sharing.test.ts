import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateTopology } from "../../scripts/gen-topology.mjs";
import { checkSource } from "../../src/compile.js";
import { emitBundle, emitBundleFiles } from "../../src/emit/bundle.js";
import {
  OffloadWriteError,
  type Offload,
  type ScriptJob,
  type WrittenFile,
} from "../../src/emit/offload.js";
import { scriptChunks } from "../../src/emit/script-chunks.js";

const OPTIONS = { sourceName: "fleet.hvnest", sourceSha256: "0".repeat(64), compilerVersion: "0" };
const { topology } = checkSource("fleet.hvnest", new TextEncoder().encode(generateTopology(300)));

/**
 * An offload on this thread: work waits in a queue and is done a message at a time, each
 * time emission looks at it (as a helper thread works while the main thread does), so that
 * emission's sharing runs without threads and in one order.
 */
class QueueOffload implements Offload {
  readonly files = new Map<string, Buffer>();
  readonly queue: ScriptJob[][] = [];
  private done: WrittenFile[] = [];
  closed = 0;
  failAt: number | null = null;
  private made = 0;

  private polls = 0;

  /** `pace`: the offload gets a message done every `pace` looks, slower than this thread. */
  constructor(
    private readonly capacity: number,
    private readonly pace = 1,
  ) {}

  room(): number {
    return this.capacity - this.queue.reduce((sum, jobs) => sum + jobs.length, 0);
  }
  submit(jobs: ScriptJob[]): void {
    this.queue.push(jobs);
  }
  finished(): WrittenFile[] {
    if (++this.polls % this.pace === 0) this.step();
    return this.done.splice(0);
  }
  wait(): WrittenFile[] {
    this.step();
    return this.done.splice(0);
  }
  private step(): void {
    for (const job of this.queue.shift() ?? []) {
      this.write(job.path, scriptChunks(job.path, job.kind, job.view));
    }
  }
  drain(): WrittenFile[] {
    const written: WrittenFile[] = [];
    while (this.queue.length > 0) written.push(...this.wait());
    return written;
  }
  close(): void {
    this.closed++;
  }

  private write(path: string, chunks: Iterable<Uint8Array>): void {
    if (this.failAt !== null && this.made++ === this.failAt) {
      throw new OffloadWriteError(`ENOSPC: no space left on device, open '${path}'`);
    }
    const bytes = Buffer.concat([...chunks]);
    this.files.set(path, bytes);
    this.done.push({ path, sha256: createHash("sha256").update(bytes).digest("hex") });
  }
}

function shared(capacity: number, pace = 1) {
  const offload = new QueueOffload(capacity, pace);
  const here = new Map<string, Buffer>();
  const order: string[] = [];
  for (const file of emitBundleFiles(topology!, OPTIONS, () => offload)) {
    order.push(file.path);
    if (file.chunks !== null) here.set(file.path, Buffer.concat([...file.chunks]));
  }
  return { offload, here, order };
}

const inMemory = new Map(
  emitBundle(topology!, OPTIONS).map((file) => [file.path, Buffer.concat(file.chunks)]),
);

describe("emission shared with an offload", () => {
  it.each([
    [32, 1],
    [32, 4],
    [256, 2],
    [100_000, 1],
  ])(
    "gives every file once, the same bytes and manifest as alone (room %i, pace %i)",
    (capacity, pace) => {
      const { offload, here, order } = shared(capacity, pace);
      expect(new Set(order).size).toBe(order.length);
      expect(order.at(-1)).toBe("manifest.json");
      expect([...order].sort()).toEqual([...inMemory.keys()].sort());
      for (const [path, bytes] of [...here, ...offload.files]) {
        expect(bytes.equals(inMemory.get(path)!), path).toBe(true);
      }
      // The large files are made here, from the whole model.
      expect(here.has("topology.json") && here.has("README.md")).toBe(true);
      expect(offload.closed).toBe(1);
    },
  );

  it("has this thread make scripts while the offload has no room, and hand it the rest", () => {
    const small = shared(32, 4);
    const large = shared(100_000);
    const scripts = (files: Map<string, Buffer>) =>
      [...files.keys()].filter((path) => path.endsWith(".ps1")).length;
    expect(scripts(small.here)).toBeGreaterThan(0);
    expect(scripts(small.offload.files)).toBeGreaterThan(0);
    expect(scripts(large.here)).toBe(0);
  });

  it("passes the offload's failure to write on, and closes it", () => {
    const offload = new QueueOffload(256);
    offload.failAt = 5;
    expect(() => [...emitBundleFiles(topology!, OPTIONS, () => offload)]).toThrow(
      OffloadWriteError,
    );
    expect(offload.closed).toBe(1);
  });

  it("closes the offload when the consumer stops early", () => {
    const offload = new QueueOffload(256);
    for (const file of emitBundleFiles(topology!, OPTIONS, () => offload)) {
      if (file.path.endsWith(".ps1")) break;
    }
    expect(offload.closed).toBe(1);
  });
});
