// manifest.json: what was built from what, each file's hash, and the run order.
import { jsonPieces } from "./json-pieces.js";
import type { BuildInfo, ScriptPlan } from "./view-model.js";

export interface ManifestFile {
  path: string;
  sha256: string;
  layer: number | null;
  machine: string | null;
}

/** manifest.json's text in pieces, its lists an entry at a time (see json-pieces.ts). */
export function* manifestPieces(
  build: BuildInfo,
  files: readonly ManifestFile[],
  scripts: readonly Pick<ScriptPlan, "fileName" | "machine" | "layer" | "kind">[],
): Generator<string> {
  const head = {
    generator: "hvnest",
    compilerVersion: build.compilerVersion,
    source: { name: build.source, sha256: build.sourceSha256 },
    lineEndings: "LF",
    files: [],
    runOrder: [],
  };
  yield* jsonPieces(head, {
    files: fileEntries(files),
    runOrder: runOrder(scripts),
  });
  yield "\n";
}

function* fileEntries(files: readonly ManifestFile[]): Generator<object> {
  for (const f of files)
    yield { path: f.path, sha256: f.sha256, layer: f.layer, machine: f.machine };
}

function* runOrder(
  scripts: readonly Pick<ScriptPlan, "fileName" | "machine" | "layer" | "kind">[],
): Generator<object> {
  for (let i = 0; i < scripts.length; i++) {
    const s = scripts[i]!;
    yield { step: i + 1, path: s.fileName, machine: s.machine, layer: s.layer, kind: s.kind };
  }
}
