// The whole bundle as bytes, in memory. Pure: the CLI decides where it goes.
import type { Topology } from "../ir/model.js";
import { buildManifest, sha256Hex, type ManifestFile } from "./manifest.js";
import { buildReadmeView } from "./readme.js";
import { render } from "./templates.js";
import { buildScriptViews, type BuildInfo } from "./view-model.js";

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
  const lines = text.split("\n");
  const bad = lines.findIndex((line) => /[ \t]$/.test(line));
  if (bad >= 0) throw new Error(`${path}:${bad + 1}: trailing whitespace in generated text`);
  if (!text.endsWith("\n") || text.endsWith("\n\n")) {
    throw new Error(`${path}: generated text must end with exactly one newline`);
  }
}

function textFile(path: string, text: string, bom: boolean): Uint8Array {
  checkText(path, text);
  const body = encoder.encode(text);
  if (!bom) return body;
  const bytes = new Uint8Array(BOM.length + body.length);
  bytes.set(BOM, 0);
  bytes.set(body, BOM.length);
  return bytes;
}

/** topology.json leaves out source positions: they describe the text, not the machines. */
function topologyJson(topology: Topology): string {
  const json = JSON.stringify(
    topology,
    (key, value: unknown) => (key === "span" || key === "attributeSpans" ? undefined : value),
    2,
  );
  return `${json}\n`;
}

export function emitBundle(topology: Topology, options: EmitOptions): EmittedFile[] {
  const build: BuildInfo = {
    compilerVersion: options.compilerVersion,
    source: options.sourceName,
    sourceSha256: options.sourceSha256,
  };
  const scripts = buildScriptViews(topology, build);
  const files: EmittedFile[] = scripts.map((view) => ({
    path: view.fileName,
    bytes: textFile(view.fileName, render(`${view.kind}.ps1`, view), true),
    machine: view.machine,
    layer: view.layer,
  }));
  const readme = render("README.md", buildReadmeView(topology, scripts, build));
  files.push({
    path: "README.md",
    bytes: textFile("README.md", readme, false),
    machine: null,
    layer: null,
  });
  files.push({
    path: "topology.json",
    bytes: textFile("topology.json", topologyJson(topology), false),
    machine: null,
    layer: null,
  });
  const listed: ManifestFile[] = [...files]
    .sort((a, b) => compare(a.path, b.path))
    .map((f) => ({ path: f.path, sha256: sha256Hex(f.bytes), layer: f.layer, machine: f.machine }));
  const manifest = buildManifest(build, listed, scripts);
  files.push({
    path: MANIFEST_NAME,
    bytes: textFile(MANIFEST_NAME, manifest, false),
    machine: null,
    layer: null,
  });
  return files.sort((a, b) => compare(a.path, b.path));
}

/** Code-unit order: independent of the build machine's locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
