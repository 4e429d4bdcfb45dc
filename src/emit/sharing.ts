// Emission shared with helper threads (perf, issue 6): what the main thread hands over, and
// what it makes itself meanwhile.
import type { Topology } from "../ir/model.js";
import type { EmittedFile } from "./bundle.js";
import { largeFiles } from "./large-files.js";
import type { ManifestFile } from "./manifest.js";
import type { Offload, WrittenFile } from "./offload.js";
import type { Piece } from "./pieces.js";
import { scriptView, type BuildInfo, type ScriptPlan } from "./view-model.js";

/** Scripts handed to an offload at a time: one message to a helper thread. */
const BATCH = 32;

/** What both ways of emitting share: the build, and how each kind of file is made. */
export interface Emitter {
  topology: Topology;
  build: BuildInfo;
  scripts: readonly ScriptPlan[];
  /** A script made on this thread. */
  local(plan: ScriptPlan): EmittedFile;
  /** A large file made on this thread, from its pieces. */
  large(path: string, pieces: Iterable<Piece>): EmittedFile;
  /** A file an offload wrote, recorded for the manifest. */
  offloaded(file: ManifestFile): EmittedFile;
}

/**
 * Scripts shared with an offload (perf, issue 6). It takes scripts from the front of the run
 * order, while this thread makes the large files (topology.json, README.md: made from the
 * whole model, which a helper thread does not have) and then scripts from the back, topping
 * the offload up as it goes, so that neither waits for the other until the last few. An
 * offloaded script costs this thread its view and the copy of it.
 */
export function* emitShared(emitter: Emitter, offload: Offload): Generator<EmittedFile> {
  const { topology, build, scripts } = emitter;
  const plans = new Map(scripts.map((plan) => [plan.fileName, plan]));
  let front = 0;
  let back = scripts.length;
  /** Written by the offload, read while this thread was in the middle of a file. */
  const pending: WrittenFile[] = [];
  const refill = (): void => {
    pending.push(...offload.finished());
    for (;;) {
      const end = Math.min(back, front + BATCH);
      if (end === front || offload.room() < end - front) return;
      offload.submit(
        scripts.slice(front, end).map((plan) => ({
          path: plan.fileName,
          kind: plan.kind,
          view: scriptView(plan, build),
        })),
      );
      front = end;
    }
  };
  function* report(written: WrittenFile[]): Generator<EmittedFile> {
    for (const { path, sha256 } of written) {
      const plan = plans.get(path);
      if (plan === undefined) {
        throw new Error(`the offload wrote ${path}, which is not a script of the bundle`);
      }
      plans.delete(path);
      yield emitter.offloaded({ path, sha256, layer: plan.layer, machine: plan.machine });
    }
  }
  function* topUp(chunks: Iterable<Uint8Array>): Generator<Uint8Array> {
    for (const chunk of chunks) {
      refill();
      yield chunk;
    }
  }
  for (const [path, pieces] of largeFiles(topology, scripts, build)) {
    refill();
    const file = emitter.large(path, pieces);
    yield { ...file, chunks: file.chunks === null ? null : topUp(file.chunks) };
    yield* report(pending.splice(0));
  }
  while (front < back) {
    refill();
    yield* report(pending.splice(0));
    if (front < back) yield emitter.local(scripts[--back] as ScriptPlan);
  }
  yield* report(offload.drain());
}
