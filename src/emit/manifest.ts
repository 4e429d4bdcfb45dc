// manifest.json: what was built from what, each file's hash, and the run order.
import { createHash } from "node:crypto";
import type { BuildInfo, ScriptPlan } from "./view-model.js";

export interface ManifestFile {
  path: string;
  sha256: string;
  layer: number | null;
  machine: string | null;
}

export function sha256Hex(chunks: readonly Uint8Array[]): string {
  const hash = createHash("sha256");
  for (const chunk of chunks) hash.update(chunk);
  return hash.digest("hex");
}

export function buildManifest(
  build: BuildInfo,
  files: readonly ManifestFile[],
  scripts: readonly Pick<ScriptPlan, "fileName" | "machine" | "layer" | "kind">[],
): string {
  const manifest = {
    generator: "hvnest",
    compilerVersion: build.compilerVersion,
    source: { name: build.source, sha256: build.sourceSha256 },
    lineEndings: "LF",
    files: files.map((f) => ({
      path: f.path,
      sha256: f.sha256,
      layer: f.layer,
      machine: f.machine,
    })),
    runOrder: scripts.map((s, i) => ({
      step: i + 1,
      path: s.fileName,
      machine: s.machine,
      layer: s.layer,
      kind: s.kind,
    })),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
