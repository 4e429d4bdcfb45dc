import type { Diagnostic } from "./diagnostics/diagnostic.js";
import type { FileNode } from "./syntax/ast.js";
import { decode } from "./syntax/decode.js";
import { parse } from "./syntax/parse.js";

export interface CheckResult {
  diagnostics: Diagnostic[];
  /** The decoded text, for rendering source lines; null when the bytes are not text. */
  text: string | null;
  ast: FileNode | null;
}

/**
 * The pipeline `hvnest check` runs: decode, then parse. Pure. `fileName` is the name the
 * user gave, for stages that report it or choose by extension.
 */
export function checkSource(fileName: string, bytes: Uint8Array): CheckResult {
  const decoded = decode(bytes);
  if (decoded.text === null) return { diagnostics: [decoded.diagnostic], text: null, ast: null };
  const { file, diagnostics } = parse(decoded.text);
  return { diagnostics, text: decoded.text, ast: file };
}
