import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import type { AttributeNode, FileNode, VmNode } from "../../src/syntax/ast.js";
import { parse } from "../../src/syntax/parse.js";

/** Parses and asserts no diagnostics, for tests about valid input. */
export function parseOk(text: string): FileNode {
  const { file, diagnostics } = parse(text);
  if (diagnostics.length > 0)
    throw new Error(`unexpected diagnostics: ${JSON.stringify(diagnostics)}`);
  return file;
}

/** The first vm of the first host. */
export function firstVm(file: FileNode): VmNode {
  const vm = file.hosts[0]?.members[0];
  if (vm?.kind !== "vm") throw new Error("expected a vm");
  return vm;
}

export function attribute(attributes: AttributeNode[], key: string): AttributeNode {
  const found = attributes.find((a) => a.key === key);
  if (found === undefined) throw new Error(`no attribute ${key}`);
  return found;
}

/** code, line, column and message: what error tests compare. */
export function brief(
  diagnostics: Diagnostic[],
): [string, number | undefined, number | undefined, string][] {
  return diagnostics.map((d) => [d.code, d.span?.line, d.span?.column, d.message]);
}
