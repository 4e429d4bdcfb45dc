// The whole bundle as bytes, in memory. Pure: the CLI decides where it goes.
import type { Topology } from "../ir/model.js";
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
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
const encoder = new TextEncoder();

/** A file's bytes as one array (tests, and readers of a whole file). */
export function fileBytes(file: Pick<EmittedFile, "chunks">): Uint8Array {
  if (file.chunks.length === 1) return file.chunks[0] as Uint8Array;
  return new Uint8Array(Buffer.concat(file.chunks));
}

/** Checks the byte policy of docs/script-conventions.md; a failure is a template bug. */
function checkText(path: string, text: string): void {
  if (text.includes("\r")) throw new Error(`${path}: carriage return in generated text`);
  const at = trailingWhitespaceAt(text);
  if (at >= 0) {
    const line = text.slice(0, at).split("\n").length;
    throw new Error(`${path}:${line}: trailing whitespace in generated text`);
  }
  if (!text.endsWith("\n") || text.endsWith("\n\n")) {
    throw new Error(`${path}: generated text must end with exactly one newline`);
  }
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
 * Where the first line ending in a space or tab is, or -1. Two plain substring searches:
 * this runs over every byte a build writes, and scripts are full of indentation, which
 * makes a regex that starts at each space about ten times slower (perf, issue 6).
 */
function trailingWhitespaceAt(text: string): number {
  const found = [text.indexOf(" \n"), text.indexOf("\t\n")].filter((i) => i >= 0);
  if (found.length > 0) return Math.min(...found);
  return text.endsWith(" ") || text.endsWith("\t") ? text.length - 1 : -1;
}

/** Encoded straight into its final buffer, BOM included: one allocation per file. */
function textFile(path: string, text: string, bom: boolean): Uint8Array {
  checkText(path, text);
  return encode(text, bom);
}

function encode(text: string, bom: boolean): Uint8Array {
  const start = bom ? BOM.length : 0;
  const bytes = Buffer.allocUnsafe(start + Buffer.byteLength(text));
  if (bom) bytes.set(BOM, 0);
  bytes.write(text, start);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
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

/**
 * Text pieces encoded into chunks of at least 64K characters: few enough chunks for one
 * writev, small enough that no whole file is ever one string (perf, issue 6).
 */
function encodePieces(pieces: Iterable<string>): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let batch: string[] = [];
  let size = 0;
  for (const piece of pieces) {
    batch.push(piece);
    size += piece.length;
    if (size >= 65536) {
      chunks.push(encode(batch.join(""), false));
      batch = [];
      size = 0;
    }
  }
  if (batch.length > 0) chunks.push(encode(batch.join(""), false));
  return chunks;
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

// Chunks shared by many files (a script's runtime library), checked once per build.
const checkedChunks = new WeakSet<Uint8Array>();

/**
 * `checkText` over a file's UTF-8 chunks: searching for ASCII bytes finds ASCII characters
 * only. Each chunk is checked for itself (a shared one once), then each seam, where one
 * chunk could end in a space and the next start with a newline.
 */
export function checkChunks(path: string, chunks: readonly Uint8Array[]): void {
  let offset = 0;
  let previous = -1;
  let beforePrevious = -1;
  for (const chunk of chunks) {
    if (chunk.length === 0) continue;
    const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    if (!checkedChunks.has(chunk)) {
      if (buffer.includes(0x0d)) throw new Error(`${path}: carriage return in generated text`);
      const at = trailingWhitespaceIn(buffer);
      if (at >= 0) trailingWhitespace(path, chunks, offset + at);
    }
    if ((previous === 0x20 || previous === 0x09) && buffer[0] === 0x0a) {
      trailingWhitespace(path, chunks, offset - 1);
    }
    beforePrevious = chunk.length > 1 ? (buffer[chunk.length - 2] as number) : previous;
    previous = buffer[chunk.length - 1] as number;
    offset += chunk.length;
  }
  if (previous === 0x20 || previous === 0x09) trailingWhitespace(path, chunks, offset - 1);
  if (previous !== 0x0a || beforePrevious === 0x0a) {
    throw new Error(`${path}: generated text must end with exactly one newline`);
  }
  // Only a shared chunk is ever seen again; marking all is cheaper than telling them apart.
  for (const chunk of chunks) checkedChunks.add(chunk);
}

/**
 * Where the first line that ends in a space or tab ends, or -1. Searching for a newline byte
 * is a memchr, and lines are short: checking the byte before each newline takes about half
 * the time of two substring searches for " \n" and "\t\n" (perf, issue 6).
 */
function trailingWhitespaceIn(buffer: Buffer): number {
  for (let i = buffer.indexOf(0x0a); i >= 0; i = buffer.indexOf(0x0a, i + 1)) {
    const before = buffer[i - 1];
    if (before === 0x20 || before === 0x09) return i - 1;
  }
  return -1;
}

function trailingWhitespace(path: string, chunks: readonly Uint8Array[], at: number): never {
  const line = Buffer.concat(chunks).subarray(0, at).toString("utf8").split("\n").length;
  throw new Error(`${path}:${line}: trailing whitespace in generated text`);
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
