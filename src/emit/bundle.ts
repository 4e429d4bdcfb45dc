// The bundle's files as chunks of bytes, made one file at a time. Pure: the CLI decides
// where they go.
import type { Topology } from "../ir/model.js";
import { ByteChecker, checkChunks } from "./byte-policy.js";
import { encode, encodePieces } from "./encode.js";
import { jsonPieces } from "./json-pieces.js";
import { manifestPieces, sha256, type ManifestFile } from "./manifest.js";
import { README_SLOTS, readmeHeadView, slotViews, type ReadmeSlot } from "./readme.js";
import { renderPartial, renderParts, type RenderedParts } from "./templates.js";
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
   * next file from `emitBundleFiles` (writing them does).
   */
  chunks: Iterable<Uint8Array>;
  /** The machine a script runs on; null for README.md, manifest.json, topology.json. */
  machine: string | null;
  layer: number | null;
}

export const MANIFEST_NAME = "manifest.json";

/** A file's bytes as one array (tests, and readers of a whole file). */
export function fileBytes(file: Pick<EmittedFile, "chunks">): Uint8Array {
  return new Uint8Array(Buffer.concat([...file.chunks]));
}

/** A script's chunks: the BOM with the first text, then each constant part's shared bytes. */
function scriptChunks(path: string, parts: RenderedParts): Uint8Array[] {
  const chunks: Uint8Array[] = [encode(parts.texts[0] as string, true)];
  parts.parts.forEach((part, i) => {
    if (part.kind !== "constant") throw new Error(`${path}: slot ${part.name} left unfilled`);
    chunks.push(part.bytes);
    const text = parts.texts[i + 1] as string;
    if (text !== "") chunks.push(encode(text, false));
  });
  checkChunks(path, chunks);
  return chunks;
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
function* checkedPieces(path: string, pieces: Iterable<string>): Generator<Uint8Array> {
  const checker = new ByteChecker(path);
  for (const chunk of encodePieces(pieces)) {
    checker.push(chunk);
    yield chunk;
  }
  checker.end();
}

/**
 * topology.json, host by host: the same bytes as one JSON.stringify of the model, made while
 * they are written (perf, issue 6: ~77 MB at 50,000 VMs, held whole, set the peak).
 */
function topologyJsonChunks(topology: Topology): Iterable<Uint8Array> {
  const pieces = jsonPieces({ ...topology }, { hosts: topology.hosts }, stringify);
  return checkedPieces("topology.json", withNewline(pieces));
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

/**
 * The bundle's files one at a time, manifest.json last since it lists every other file's
 * hash. A consumer that writes each file as it comes never holds all scripts at once
 * (perf, issue 6: 50,000 VMs make ~2 GB of scripts, each carrying the runtime library);
 * each script's full view is made only to render it, and the large single files
 * (topology.json, README.md, manifest.json) are made while they are written.
 */
export function* emitBundleFiles(topology: Topology, options: EmitOptions): Generator<EmittedFile> {
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
    // A script's few chunks stay an array: hashed now, written with one system call.
    if (!Array.isArray(file.chunks)) return { ...file, chunks: hashing(file.chunks, record) };
    record(digest(file.chunks));
    return file;
  };
  yield hashed({
    path: "topology.json",
    chunks: topologyJsonChunks(topology),
    machine: null,
    layer: null,
  });
  const scripts = planScripts(topology);
  for (const plan of scripts) {
    yield hashed({
      path: plan.fileName,
      chunks: scriptChunks(plan.fileName, renderParts(`${plan.kind}.ps1`, scriptView(plan, build))),
      machine: plan.machine,
      layer: plan.layer,
    });
  }
  yield hashed({
    path: "README.md",
    chunks: readmeChunks(topology, scripts, build),
    machine: null,
    layer: null,
  });
  if (listed.length !== files) {
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
  return checkedPieces(MANIFEST_NAME, manifestPieces(build, listed, scripts));
}

/** The whole bundle in memory, each file's chunks read as it comes; sorted by path. */
export function emitBundle(topology: Topology, options: EmitOptions): EmittedFile[] {
  const files: EmittedFile[] = [];
  for (const file of emitBundleFiles(topology, options))
    files.push({ ...file, chunks: [...file.chunks] });
  return files.sort((a, b) => compare(a.path, b.path));
}

/** Code-unit order: independent of the build machine's locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
