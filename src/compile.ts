import type { Diagnostic } from "./diagnostics/diagnostic.js";
import type { FileNode } from "./syntax/ast.js";
import { decode } from "./syntax/decode.js";
import { parse } from "./syntax/parse.js";
import type { Topology } from "./ir/model.js";
import { resolve } from "./ir/resolve.js";
import { readJsonTopology } from "./ir/json-input.js";
import { checkTopology } from "./rules/check-topology.js";

export interface CheckResult {
  diagnostics: Diagnostic[];
  /** The decoded text, for rendering source lines; null when the bytes are not text. */
  text: string | null;
  ast: FileNode | null;
  /** The resolved topology; null when any diagnostic is an error. */
  topology: Topology | null;
}

/**
 * The pipeline `hvnest check` runs: decode, parse, resolve, rules, schema validation; a
 * `.json` file is read as a resolved topology instead of parsed. Pure. `fileName` is the name the
 * user gave, for stages that report it or choose by extension.
 */
export function checkSource(fileName: string, bytes: Uint8Array): CheckResult {
  const decoded = decode(bytes);
  if (decoded.text === null)
    return { diagnostics: [decoded.diagnostic], text: null, ast: null, topology: null };
  if (/\.json$/i.test(fileName)) {
    const json = readJsonTopology(decoded.text, fileName);
    const checked = json.topology ? checkTopology(json.topology, null, []) : json;
    return { ...checked, text: decoded.text, ast: null };
  }
  const { file, diagnostics } = parse(decoded.text);
  const checked = checkTopology(resolve(file, fileName), file, diagnostics);
  return { ...checked, text: decoded.text, ast: file };
}
