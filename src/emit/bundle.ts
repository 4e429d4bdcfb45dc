// The bundle's files as chunks of bytes, made one file at a time. Pure: the CLI decides
// where they go.
import type { Topology } from "../ir/model.js";
import { checkChunks } from "./byte-policy.js";
import { encode, encodePieces } from "./encode.js";
import { jsonPieces } from "./json-pieces.js";
import { manifestPieces, sha256Hex, type ManifestFile } from "./manifest.js";
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
   */
  chunks: readonly Uint8Array[];
  /** The machine a script runs on; null for README.md, manifest.json, topology.json. */
  machine: string | null;
  layer: number | null;
}

export const MANIFEST_NAME = "manifest.json";

/** A file's bytes as one array (tests, and readers of a whole file). */
export function fileBytes(file: Pick<EmittedFile, "chunks">): Uint8Array {
  if (file.chunks.length === 1) return file.chunks[0] as Uint8Array;
  return new Uint8Array(Buffer.concat(file.chunks));
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

/** topology.json, host by host: the same bytes as one JSON.stringify of the model. */
function topologyJsonChunks(topology: Topology): Uint8Array[] {
  const chunks = encodePieces(
    withNewline(jsonPieces({ ...topology }, { hosts: topology.hosts }, stringify)),
  );
  checkChunks("topology.json", chunks);
  return chunks;
}

/**
 * README.md, its rows rendered by their partials a piece at a time and encoded as they come
 * (perf, issue 6): for 50,000 VMs the whole view and text at once were ~140 MB, alive while
 * V8 sized its heap. The bytes are those of README.md.hbs rendered whole (tested).
 */
function readmeFile(
  topology: Topology,
  scripts: readonly ScriptPlan[],
  build: BuildInfo,
): EmittedFile {
  const { texts, parts } = renderParts("README.md", readmeHeadView(build), README_SLOTS);
  const chunks: Uint8Array[] = [];
  const text = (value: string) => {
    if (value !== "") chunks.push(encode(value, false));
  };
  text(texts[0] as string);
  parts.forEach((part, i) => {
    if (part.kind === "constant") chunks.push(part.bytes);
    else {
      for (const view of slotViews(part.name as ReadmeSlot, topology, scripts)) {
        text(renderPartial(part.name, view));
      }
    }
    text(texts[i + 1] as string);
  });
  checkChunks("README.md", chunks);
  return { path: "README.md", chunks, machine: null, layer: null };
}

/**
 * The bundle's files one at a time, manifest.json last since it lists every other file's
 * hash. A consumer that writes each file as it comes never holds all scripts at once
 * (perf, issue 6: 50,000 VMs make ~2 GB of scripts, each carrying the runtime library).
 * topology.json and README.md, the two large single files, come first, while the heap
 * holds least; each script's full view is made only to render it.
 */
export function* emitBundleFiles(topology: Topology, options: EmitOptions): Generator<EmittedFile> {
  const build: BuildInfo = {
    compilerVersion: options.compilerVersion,
    source: options.sourceName,
    sourceSha256: options.sourceSha256,
  };
  const listed: ManifestFile[] = [];
  const hashed = (file: EmittedFile): EmittedFile => {
    listed.push({
      path: file.path,
      sha256: sha256Hex(file.chunks),
      layer: file.layer,
      machine: file.machine,
    });
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
  // After the scripts: the README's view and text (~140 MB for 50,000 VMs) would otherwise
  // be alive when V8 sizes its heap for the whole rendering of the scripts.
  yield hashed(readmeFile(topology, scripts, build));
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
): Uint8Array[] {
  const chunks = encodePieces(manifestPieces(build, listed, scripts));
  checkChunks(MANIFEST_NAME, chunks);
  return chunks;
}

/** The whole bundle in memory, sorted by path. */
export function emitBundle(topology: Topology, options: EmitOptions): EmittedFile[] {
  return [...emitBundleFiles(topology, options)].sort((a, b) => compare(a.path, b.path));
}

/** Code-unit order: independent of the build machine's locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
