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

/** The spec's one-liner (language.md), verbatim. */
export const ONE_LINER = "host HV01 < vm WS2016-Outer nested < nat 192.168.100.0/24 gw .254 > >";

/** The spec's four-layer example (language.md), verbatim. */
export const FOUR_LAYERS = `# Four layers, as built in the article
host HV01 cpu intel os ws2016 memory 128GB cpus 16 <
  vswitch External external adapter 'Ethernet'

  vm WS2016-Outer nested memory 16GB cpus 4 mac-spoofing on switch External <
    nat 192.168.100.0/24 gw .254 switch VM-NAT netnat LocalNAT

    vm WS2016-Inner nested memory 8GB cpus 2 ip .10 <
      nat 192.168.200.0/24 gw .254

      vm WS2016-Innermost memory 2GB ip .10
    >
  >
>
`;
