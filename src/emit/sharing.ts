// Emission shared with helper threads (perf, issue 6): what the main thread hands over, and
// what it makes itself meanwhile.
import type { Topology } from "../ir/model.js";
import type { EmittedFile } from "./bundle.js";
import { largeFiles } from "./large-files.js";
import type { ManifestFile } from "./manifest.js";
import { STREAM_MESSAGE_COST, type Offload, type WrittenFile } from "./offload.js";
import type { Piece } from "./pieces.js";
import { scriptView, type BuildInfo, type ScriptPlan } from "./view-model.js";

/** Scripts handed to an offload at a time: one message to a helper thread. */
const BATCH = 32;

/**
 * A streamed file's pieces as messages: each costly piece (a partial to render, a JSON item)
 * with the cheap ones before it, so that a helper gets work in every message.
 */
function* messages(pieces: Iterable<Piece>): Generator<{ pieces: Piece[]; end: boolean }> {
  let batch: Piece[] = [];
  for (const piece of pieces) {
    batch.push(piece);
    if (typeof piece === "string" || piece instanceof Uint8Array) continue;
    yield { pieces: batch, end: false };
    batch = [];
  }
  yield { pieces: batch, end: true };
}

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
 * Files shared with an offload (perf, issue 6). This thread describes the large files to
 * it, then hands it scripts from the front of the run order; whenever it has no room, this
 * thread makes a script from the back itself, so that neither waits for the other until
 * the last few.
 */
export function* emitShared(emitter: Emitter, offload: Offload): Generator<EmittedFile> {
  const { topology, build, scripts } = emitter;
  const plans = new Map(scripts.map((plan) => [plan.fileName, plan]));
  let front = 0;
  let back = scripts.length;
  const large = largeFiles(topology, scripts, build);
  function* report(written: WrittenFile[]): Generator<EmittedFile> {
    for (const { path, sha256 } of written) {
      const plan = plans.get(path);
      if (plan === undefined && !large.some(([name]) => name === path)) {
        throw new Error(`the offload wrote ${path}, which is not a file of the bundle`);
      }
      yield emitter.offloaded({
        path,
        sha256,
        layer: plan?.layer ?? null,
        machine: plan?.machine ?? null,
      });
    }
  }
  function* makeRoom(cost: number): Generator<EmittedFile> {
    yield* report(offload.finished());
    while (offload.room() < cost) {
      if (front < back) yield emitter.local(scripts[--back] as ScriptPlan);
      else yield* report(offload.wait());
      yield* report(offload.finished());
    }
  }
  for (const [path, pieces] of large) {
    for (const message of messages(pieces)) {
      yield* makeRoom(STREAM_MESSAGE_COST);
      offload.stream(path, message.pieces, message.end);
    }
  }
  while (front < back) {
    yield* makeRoom(BATCH);
    const end = Math.min(back, front + BATCH);
    if (end === front) continue;
    offload.submit(
      scripts.slice(front, end).map((plan) => ({
        path: plan.fileName,
        kind: plan.kind,
        view: scriptView(plan, build),
      })),
    );
    front = end;
  }
  yield* report(offload.drain());
}
