// The whole bundle as bytes, in memory. Pure: the CLI decides where it goes.
import type { Topology } from "../ir/model.js";
import { buildManifest, sha256Hex, type ManifestFile } from "./manifest.js";
import { buildReadmeView } from "./readme.js";
import { render } from "./templates.js";
import {
  planScripts,
  runNotes,
  scriptView,
  type BuildInfo,
  type ScriptPlan,
} from "./view-model.js";

export interface EmitOptions {
  sourceName: string;
  sourceSha256: string;
  compilerVersion: string;
}

export interface EmittedFile {
  path: string;
  bytes: Uint8Array;
  /** The machine a script runs on; null for README.md, manifest.json, topology.json. */
  machine: string | null;
  layer: number | null;
}

export const MANIFEST_NAME = "manifest.json";
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
const encoder = new TextEncoder();

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
  const start = bom ? BOM.length : 0;
  const bytes = Buffer.allocUnsafe(start + Buffer.byteLength(text));
  if (bom) bytes.set(BOM, 0);
  bytes.write(text, start);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** topology.json leaves out source positions: they describe the text, not the machines. */
function stringify(value: unknown): string {
  return JSON.stringify(
    value,
    (key, field: unknown) => (key === "span" || key === "attributeSpans" ? undefined : field),
    2,
  );
}

/**
 * topology.json, host by host (perf, issue 6): one JSON.stringify of the whole model made a
 * 77 MB string for 50,000 VMs, copied again to be checked and encoded, at the build's peak
 * memory. Each host is stringified alone inside a `{ "hosts": [host] }` wrapper, which puts it
 * at its depth in the whole file, so the bytes are the same; the wrapper is cut off as the
 * host is copied into place.
 */
function topologyJsonBytes(topology: Topology): Uint8Array {
  const outline = stringify({ ...topology, hosts: [] });
  const slot = '\n  "hosts": [';
  const at = outline.indexOf(`${slot}]`);
  if (topology.hosts.length === 0 || at < 0) {
    return textFile("topology.json", `${stringify(topology)}\n`, false);
  }
  const head = outline.slice(0, at + slot.length);
  const tail = `\n  ${outline.slice(at + slot.length)}\n`;
  const open = '{\n  "hosts": [\n    ';
  const close = "\n  ]\n}";
  const hosts = topology.hosts.map((host) => {
    const wrapped = stringify({ hosts: [host] });
    if (!wrapped.startsWith(open) || !wrapped.endsWith(close)) {
      throw new Error("topology.json: unexpected JSON.stringify layout");
    }
    return wrapped;
  });
  const separators = hosts.length * 6 - 1; // "\n    " before each host, "," between them
  let size = Buffer.byteLength(head) + Buffer.byteLength(tail) + separators;
  for (const wrapped of hosts) size += Buffer.byteLength(wrapped) - open.length - close.length;
  const bytes = Buffer.allocUnsafe(size);
  let written = bytes.write(head, 0);
  for (let i = 0; i < hosts.length; i++) {
    const wrapped = hosts[i] as string;
    written += bytes.write(i > 0 ? ",\n    " : "\n    ", written);
    written += bytes.write(wrapped.slice(open.length, wrapped.length - close.length), written);
    hosts[i] = "";
  }
  written += bytes.write(tail, written);
  if (written !== size) throw new Error("topology.json: size mismatch");
  checkBytes("topology.json", bytes);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** `checkText` over UTF-8 bytes: searching for ASCII bytes finds ASCII characters only. */
function checkBytes(path: string, bytes: Uint8Array): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (buffer.includes("\r")) throw new Error(`${path}: carriage return in generated text`);
  const found = [buffer.indexOf(" \n"), buffer.indexOf("\t\n")].filter((i) => i >= 0);
  const last = buffer[buffer.length - 1];
  const at =
    found.length > 0 ? Math.min(...found) : last === 0x20 || last === 0x09 ? buffer.length - 1 : -1;
  if (at >= 0) {
    const line = buffer.subarray(0, at).toString("utf8").split("\n").length;
    throw new Error(`${path}:${line}: trailing whitespace in generated text`);
  }
  if (last !== 0x0a || buffer[buffer.length - 2] === 0x0a) {
    throw new Error(`${path}: generated text must end with exactly one newline`);
  }
}

/**
 * README.md. A function of its own so that its text, made into bytes here, is not kept alive
 * by the generator below while the manifest is built (perf, issue 6: 33 MB of UTF-16 text).
 */
function readmeFile(
  topology: Topology,
  scripts: readonly ScriptPlan[],
  build: BuildInfo,
): EmittedFile {
  const notes = scripts.map((plan) => ({ ...plan, ...runNotes(plan) }));
  const readme = render("README.md", buildReadmeView(topology, notes, build));
  return {
    path: "README.md",
    bytes: textFile("README.md", readme, false),
    machine: null,
    layer: null,
  };
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
      sha256: sha256Hex(file.bytes),
      layer: file.layer,
      machine: file.machine,
    });
    return file;
  };
  yield hashed({
    path: "topology.json",
    bytes: topologyJsonBytes(topology),
    machine: null,
    layer: null,
  });
  const scripts = planScripts(topology);
  for (const plan of scripts) {
    yield hashed({
      path: plan.fileName,
      bytes: textFile(plan.fileName, render(`${plan.kind}.ps1`, scriptView(plan, build)), true),
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
    bytes: textFile(MANIFEST_NAME, buildManifest(build, listed, scripts), false),
    machine: null,
    layer: null,
  };
}

/** The whole bundle in memory, sorted by path. */
export function emitBundle(topology: Topology, options: EmitOptions): EmittedFile[] {
  return [...emitBundleFiles(topology, options)].sort((a, b) => compare(a.path, b.path));
}

/** Code-unit order: independent of the build machine's locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
