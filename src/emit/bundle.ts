// The bundle's files as chunks of bytes, made one file at a time. Pure: the CLI decides
// where they go.
import type { Topology } from "../ir/model.js";
import { ByteChecker } from "./byte-policy.js";
import { encode, encodePieces } from "./encode.js";
import { jsonPieces } from "./json-pieces.js";
import { manifestPieces, sha256, type ManifestFile } from "./manifest.js";
import type { OffloadFor, ScriptOffload, WrittenScript } from "./offload.js";
import { README_SLOTS, readmeHeadView, slotViews, type ReadmeSlot } from "./readme.js";
import { scriptChunks } from "./script-chunks.js";
import { renderParts, renderPartial } from "./templates.js";
import { planScripts, scriptView, type BuildInfo, type ScriptPlan } from "./view-model.js";

export interface EmitOptions {
  sourceName: string;
  sourceSha256: string;
  compilerVersion: string;
}

export interface EmittedFile {
  path: string;
  /**
   * The file's bytes in order, to be written one after another. A script's runtime library
   * is one chunk shared by every script of the build (perf, issue 6): never modify a chunk.
   * The large files' chunks are made as they are read, once: read them before taking the
   * next file from `emitBundleFiles` (writing them does). Null: an offload has written the
   * file already, into the folder it was made for.
   */
  chunks: Iterable<Uint8Array> | null;
  /** The machine a script runs on; null for README.md, manifest.json, topology.json. */
  machine: string | null;
  layer: number | null;
}

export const MANIFEST_NAME = "manifest.json";

/** A file's bytes as one array (tests, and readers of a whole file). */
export function fileBytes(file: Pick<EmittedFile, "chunks">): Uint8Array {
  if (file.chunks === null) throw new Error("fileBytes: the file was written by an offload");
  return new Uint8Array(Buffer.concat([...file.chunks]));
}

/**
 * topology.json leaves out source positions: they describe the text, not the machines.
 * `hvnest build` has dropped them already (src/ir/drop-source-positions.ts), and a replacer
 * function makes JSON.stringify several times slower (perf, issue 6), so it is used only
 * when positions show up; a false alarm (a value with that text) gives the same bytes.
 */
function stringify(value: unknown): string {
  const plain = JSON.stringify(value, null, 2);
  if (!plain.includes('"span":') && !plain.includes('"attributeSpans":')) return plain;
  return JSON.stringify(
    value,
    (key, field: unknown) => (key === "span" || key === "attributeSpans" ? undefined : field),
    2,
  );
}

function* withNewline(pieces: Iterable<string>): Generator<string> {
  yield* pieces;
  yield "\n";
}

/** Text pieces as checked chunks of at least 64K characters, made as they are read. */
function* checkedPieces(
  path: string,
  pieces: Iterable<string>,
  tick: () => void,
): Generator<Uint8Array> {
  const checker = new ByteChecker(path);
  for (const chunk of encodePieces(pieces)) {
    checker.push(chunk);
    yield chunk;
    tick();
  }
  checker.end();
}

/**
 * topology.json, host by host: the same bytes as one JSON.stringify of the model, made while
 * they are written (perf, issue 6: ~77 MB at 50,000 VMs, held whole, set the peak).
 */
function topologyJsonChunks(topology: Topology, tick: () => void): Iterable<Uint8Array> {
  const pieces = jsonPieces({ ...topology }, { hosts: topology.hosts }, stringify);
  return checkedPieces("topology.json", withNewline(pieces), tick);
}

/**
 * README.md, its rows rendered by their partials a piece at a time while it is written
 * (perf, issue 6): for 50,000 VMs the whole view and text at once were ~140 MB, alive while
 * V8 sized its heap. The bytes are those of README.md.hbs rendered whole (tested).
 */
function* readmeChunks(
  topology: Topology,
  scripts: readonly ScriptPlan[],
  build: BuildInfo,
  tick: () => void,
): Generator<Uint8Array> {
  const checker = new ByteChecker("README.md");
  const { texts, parts } = renderParts("README.md", readmeHeadView(build), README_SLOTS);
  function* pieces(): Generator<string | Uint8Array> {
    yield texts[0] as string;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as (typeof parts)[number];
      if (part.kind === "constant") yield part.bytes;
      else {
        for (const view of slotViews(part.name as ReadmeSlot, topology, scripts)) {
          yield renderPartial(part.name, view);
        }
      }
      yield texts[i + 1] as string;
    }
  }
  for (const piece of pieces()) {
    if (piece === "") continue;
    const chunk = typeof piece === "string" ? encode(piece, false) : piece;
    checker.push(chunk);
    yield chunk;
    tick();
  }
  checker.end();
}

function digest(chunks: Iterable<Uint8Array>): string {
  const hash = sha256();
  for (const chunk of chunks) hash.update(chunk);
  return hash.digest();
}

/**
 * A file whose chunks are hashed as they are read; `done` gets the digest once all are.
 * The manifest needs every digest, so it checks that each file was read through.
 */
function* hashing(chunks: Iterable<Uint8Array>, done: (sha256: string) => void) {
  const hash = sha256();
  for (const chunk of chunks) {
    hash.update(chunk);
    yield chunk;
  }
  done(hash.digest());
}

/** Scripts handed to an offload at a time: one message to a helper thread. */
const BATCH = 32;

/**
 * Hands scripts to an offload from the front of the run order while the main thread takes
 * them from the back, so that neither waits for the other until the last few (perf, issue 6).
 * `feed` is called between the chunks of the large files, which only the main thread makes.
 */
class Sharing {
  private front = 0;
  private back: number;
  /** Written by the offload, not yet reported as files. */
  readonly written: WrittenScript[] = [];

  constructor(
    private readonly scripts: readonly ScriptPlan[],
    private readonly build: BuildInfo,
    private readonly offload: ScriptOffload,
  ) {
    this.back = scripts.length;
  }

  readonly feed = (): void => {
    this.written.push(...this.offload.finished());
    let room = this.offload.room();
    while (room >= BATCH && this.front < this.back) {
      const end = Math.min(this.back, this.front + BATCH);
      const jobs = this.scripts.slice(this.front, end).map((plan) => ({
        path: plan.fileName,
        kind: plan.kind,
        view: scriptView(plan, this.build),
      }));
      this.offload.submit(jobs);
      room -= jobs.length;
      this.front = end;
    }
  };

  /** The next script for this thread, from the back; null once all are taken. */
  takeLast(): ScriptPlan | null {
    return this.front < this.back ? (this.scripts[--this.back] as ScriptPlan) : null;
  }

  /** Waits for the offload's last scripts. */
  drain(): void {
    this.written.push(...this.offload.drain());
  }
}

/**
 * The bundle's files one at a time, manifest.json last since it lists every other file's
 * hash. A consumer that writes each file as it comes never holds all scripts at once
 * (perf, issue 6: 50,000 VMs make ~2 GB of scripts, each carrying the runtime library);
 * each script's full view is made only to render it, and the large single files
 * (topology.json, README.md, manifest.json) are made while they are written.
 *
 * With `offloadFor`, helper threads may render and write some of the scripts into the folder
 * the consumer writes to; those come as files whose `chunks` are null.
 */
export function* emitBundleFiles(
  topology: Topology,
  options: EmitOptions,
  offloadFor?: OffloadFor,
): Generator<EmittedFile> {
  const build: BuildInfo = {
    compilerVersion: options.compilerVersion,
    source: options.sourceName,
    sourceSha256: options.sourceSha256,
  };
  const listed: ManifestFile[] = [];
  let files = 0;
  const hashed = (file: EmittedFile): EmittedFile => {
    files++;
    const { path, layer, machine } = file;
    const record = (sha256: string) => listed.push({ path, sha256, layer, machine });
    if (file.chunks === null) throw new Error(`${path}: no chunks to hash`);
    // A script's few chunks stay an array: hashed now, written with one system call.
    if (!Array.isArray(file.chunks)) return { ...file, chunks: hashing(file.chunks, record) };
    record(digest(file.chunks));
    return file;
  };
  const local = (plan: ScriptPlan): EmittedFile =>
    hashed({
      path: plan.fileName,
      chunks: scriptChunks(plan.fileName, plan.kind, scriptView(plan, build)),
      machine: plan.machine,
      layer: plan.layer,
    });

  const scripts = planScripts(topology);
  const offload = offloadFor?.(scripts.length) ?? null;
  try {
    const sharing = offload ? new Sharing(scripts, build, offload) : null;
    const tick = sharing?.feed ?? (() => {});
    const plans = new Map(offload ? scripts.map((plan) => [plan.fileName, plan]) : []);
    /** The offload's written scripts, as files to report and list in the manifest. */
    function* reported(): Generator<EmittedFile> {
      const written = sharing?.written.splice(0) ?? [];
      for (const { path, sha256 } of written) {
        const plan = plans.get(path);
        if (plan === undefined) throw new Error(`the offload wrote ${path}, not a script`);
        files++;
        listed.push({ path, sha256, layer: plan.layer, machine: plan.machine });
        yield { path, chunks: null, machine: plan.machine, layer: plan.layer };
      }
    }

    tick();
    yield hashed({
      path: "topology.json",
      chunks: topologyJsonChunks(topology, tick),
      machine: null,
      layer: null,
    });
    if (sharing === null) for (const plan of scripts) yield local(plan);
    yield hashed({
      path: "README.md",
      chunks: readmeChunks(topology, scripts, build, tick),
      machine: null,
      layer: null,
    });
    if (sharing !== null) {
      for (let plan = sharing.takeLast(); plan !== null; plan = sharing.takeLast()) {
        yield local(plan);
        tick();
        yield* reported();
      }
      sharing.drain();
      yield* reported();
    }
  } finally {
    offload?.close();
  }
  if (listed.length !== files || files !== scripts.length + 2) {
    throw new Error("emitBundleFiles: a file's chunks were not read before the next file");
  }
  listed.sort((a, b) => compare(a.path, b.path));
  yield {
    path: MANIFEST_NAME,
    chunks: manifestChunks(build, listed, scripts),
    machine: null,
    layer: null,
  };
}

function manifestChunks(
  build: BuildInfo,
  listed: readonly ManifestFile[],
  scripts: readonly ScriptPlan[],
): Iterable<Uint8Array> {
  return checkedPieces(MANIFEST_NAME, manifestPieces(build, listed, scripts), () => {});
}

/** A file of a bundle emitted in memory. */
export type MemoryFile = Omit<EmittedFile, "chunks"> & { chunks: Uint8Array[] };

/** The whole bundle in memory, each file's chunks read as it comes; sorted by path. */
export function emitBundle(topology: Topology, options: EmitOptions): MemoryFile[] {
  const files: MemoryFile[] = [];
  for (const file of emitBundleFiles(topology, options))
    files.push({ ...file, chunks: [...(file.chunks ?? [])] });
  return files.sort((a, b) => compare(a.path, b.path));
}

/** Code-unit order: independent of the build machine's locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
