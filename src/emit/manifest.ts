// manifest.json: what was built from what, each file's hash, and the run order.
import { LIST_END, jsonNumber, jsonSlots, jsonString } from "./json-pieces.js";
import type { BuildInfo, ScriptPlan } from "./view-model.js";

export interface ManifestFile {
  path: string;
  sha256: string;
  layer: number | null;
  machine: string | null;
}

type Step = Pick<ScriptPlan, "fileName" | "machine" | "layer" | "kind">;

/** Entries gathered into one piece: a few pieces for a whole list. */
const BATCH = 256;

/**
 * manifest.json's text in pieces, its lists a batch of entries at a time: the same bytes as
 * JSON.stringify(manifest, null, 2) and a newline (tested).
 */
export function* manifestPieces(
  build: BuildInfo,
  files: readonly ManifestFile[],
  scripts: readonly Step[],
): Generator<string> {
  const head = {
    generator: "hvnest",
    compilerVersion: build.compilerVersion,
    source: { name: build.source, sha256: build.sourceSha256 },
    lineEndings: "LF",
    files: [],
    runOrder: [],
  };
  const [beforeFiles, beforeSteps, end] = jsonSlots(head, ["files", "runOrder"]);
  yield beforeFiles as string;
  yield* listPieces(files, fileText);
  yield beforeSteps as string;
  yield* listPieces(scripts, stepText);
  yield end as string;
  yield "\n";
}

/** A top-level list's items, as jsonItemText would make each, a batch to a piece. */
function* listPieces<T>(items: readonly T[], text: (item: T, i: number) => string) {
  for (let from = 0; from < items.length; from += BATCH) {
    const batch: string[] = [];
    for (let i = from; i < items.length && i < from + BATCH; i++) {
      batch.push((i === 0 ? "\n    " : ",\n    ") + text(items[i] as T, i));
    }
    yield batch.join("");
  }
  if (items.length > 0) yield LIST_END;
}

// An entry's text made field by field, each field as JSON.stringify prints it, where one
// indented stringify per entry was most of manifest.json's time (perf, issue 6).

function fileText(f: ManifestFile): string {
  const layer = f.layer === null ? "null" : jsonNumber(f.layer);
  const machine = f.machine === null ? "null" : jsonString(f.machine);
  return (
    `{\n      "path": ${jsonString(f.path)},\n      "sha256": ${jsonString(f.sha256)},` +
    `\n      "layer": ${layer},\n      "machine": ${machine}\n    }`
  );
}

function stepText(s: Step, i: number): string {
  return (
    `{\n      "step": ${i + 1},\n      "path": ${jsonString(s.fileName)},` +
    `\n      "machine": ${jsonString(s.machine)},\n      "layer": ${jsonNumber(s.layer)},` +
    `\n      "kind": ${jsonString(s.kind)}\n    }`
  );
}
