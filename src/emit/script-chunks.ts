// A script's bytes as chunks. Shared by the main thread and the helper threads that render
// scripts for a large build (src/io/helper-thread.ts), so that both write the same bytes.
import { checkChunks } from "./byte-policy.js";
import { encode } from "./encode.js";
import { renderParts } from "./templates.js";
import type { ScriptKind, ScriptView } from "./view-model.js";

/**
 * The script's chunks: the BOM with the first text, then each constant part's shared bytes
 * (the runtime library, the same in every script of a build) and the text after it.
 */
export function scriptChunks(path: string, kind: ScriptKind, view: ScriptView): Uint8Array[] {
  const rendered = renderParts(`${kind}.ps1`, view);
  const chunks: Uint8Array[] = [encode(rendered.texts[0] as string, true)];
  rendered.parts.forEach((part, i) => {
    if (part.kind !== "constant") throw new Error(`${path}: slot ${part.name} left unfilled`);
    chunks.push(part.bytes);
    const text = rendered.texts[i + 1] as string;
    if (text !== "") chunks.push(encode(text, false));
  });
  checkChunks(path, chunks);
  return chunks;
}
