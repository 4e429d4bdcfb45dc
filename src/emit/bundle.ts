// The bundle's files as chunks of bytes, made one file at a time. Pure: the CLI decides
// where they go.
import type { Topology } from "../ir/model.js";
import { largeFiles } from "./large-files.js";
import { digest, hashing } from "./hash.js";
import { manifestPieces, type ManifestFile } from "./manifest.js";
import type { OffloadFor } from "./offload.js";
import { fileChunks } from "./pieces.js";
import { scriptChunks } from "./script-chunks.js";
import { emitShared, type Emitter } from "./sharing.js";
import { planScripts, scriptView, type BuildInfo } from "./view-model.js";

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
 * The bundle's files one at a time, manifest.json last since it lists every other file's
 * hash. A consumer that writes each file as it comes never holds all scripts at once
 * (perf, issue 6: 50,000 VMs make ~2 GB of scripts, each carrying the runtime library);
 * each script's full view is made only to render it, and the large single files
 * (topology.json, README.md, manifest.json) are made while they are written.
 *
 * With `offloadFor`, helper threads may make some of the files into the folder the consumer
 * writes to; those come as files whose `chunks` are null.
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
  const hashed = (file: EmittedFile & { chunks: Iterable<Uint8Array> }): EmittedFile => {
    files++;
    const { path, layer, machine } = file;
    const record = (sha256: string) => listed.push({ path, sha256, layer, machine });
    // A script's few chunks stay an array: hashed now, written with one system call.
    if (!Array.isArray(file.chunks)) return { ...file, chunks: hashing(file.chunks, record) };
    record(digest(file.chunks));
    return file;
  };
  const emitter: Emitter = {
    topology,
    build,
    scripts: planScripts(topology),
    local: (plan) =>
      hashed({
        path: plan.fileName,
        chunks: scriptChunks(plan.fileName, plan.kind, scriptView(plan, build)),
        machine: plan.machine,
        layer: plan.layer,
      }),
    large: (path, pieces) =>
      hashed({ path, chunks: fileChunks(path, pieces), machine: null, layer: null }),
    offloaded: (file) => {
      files++;
      listed.push(file);
      return { ...file, chunks: null };
    },
  };
  const { scripts } = emitter;
  const offload = offloadFor?.(scripts.length) ?? null;
  if (offload === null) yield* emitHere(emitter);
  else {
    try {
      yield* emitShared(emitter, offload);
    } finally {
      offload.close();
    }
  }
  if (listed.length !== files || files !== scripts.length + 2) {
    throw new Error("emitBundleFiles: a file's chunks were not read before the next file");
  }
  listed.sort((a, b) => compare(a.path, b.path));
  yield {
    path: MANIFEST_NAME,
    chunks: fileChunks(MANIFEST_NAME, manifestPieces(build, listed, scripts)),
    machine: null,
    layer: null,
  };
}

/** Every file made on this thread. */
function* emitHere(emitter: Emitter): Generator<EmittedFile> {
  const [topologyJson, readme] = largeFiles(emitter.topology, emitter.scripts, emitter.build);
  yield emitter.large(...topologyJson!);
  for (const plan of emitter.scripts) yield emitter.local(plan);
  yield emitter.large(...readme!);
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
