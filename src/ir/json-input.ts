// A resolved topology given as JSON (the schema's form): parsed with positions, checked
// against the schema, and given spans into the JSON text so that rules can point there.
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/span.js";
import type { AttributeSpans, Topology } from "./model.js";
import { JsonSyntaxError, lineStarts, parseLocatedJson, spanAt } from "./json-locate.js";
import { schemaViolations } from "./validate.js";

export interface JsonInputResult {
  topology: Topology | null;
  diagnostics: Diagnostic[];
}

/** Model fields -> the language attribute whose span rules look up. */
const hostFields: Record<string, string> = {
  name: "name",
  cpu: "cpu",
  os: "os",
  edition: "edition",
  platform: "platform",
  path: "path",
  memoryMB: "memory",
  cpus: "cpus",
};
const vmFields: Record<string, string> = {
  name: "name",
  os: "os",
  edition: "edition",
  memoryMB: "memory",
  cpus: "cpus",
  nested: "nested",
  generation: "gen",
  version: "version",
  dynamicMemory: "dynamic-memory",
  macSpoofing: "mac-spoofing",
  adapterSwitch: "switch",
  "network/ip": "ip",
  "network/gateway": "gw",
  "network/dns": "dns",
  "disks/vhd": "vhd",
  "disks/iso": "iso",
  "disks/newDiskMB": "disk",
  automaticStopAction: "stop-action",
  checkpoints: "checkpoints",
};
const natFields: Record<string, string> = {
  subnet: "subnet",
  gateway: "gw",
  switch: "switch",
  netnat: "netnat",
};
const switchFields: Record<string, string> = { name: "name", type: "type", adapter: "adapter" };

/** The span of the deepest existing value on the pointer's path. */
function spanFor(spans: Map<string, Span>, pointer: string): Span | undefined {
  for (let current = pointer; ; current = current.slice(0, current.lastIndexOf("/"))) {
    const span = spans.get(current);
    if (span || current === "") return span;
  }
}

function place(
  element: { span?: Span; attributeSpans?: AttributeSpans },
  pointer: string,
  fields: Record<string, string>,
  spans: Map<string, Span>,
): void {
  const attributeSpans: AttributeSpans = {};
  for (const [field, key] of Object.entries(fields)) {
    // Like a .hvnest attribute, a null field (no ip, no gw) was not "written".
    const value = field
      .split("/")
      .reduce<unknown>((at, part) => (at as Record<string, unknown> | null)?.[part], element);
    const span = spans.get(`${pointer}/${field}`);
    if (span && value !== null && value !== undefined) attributeSpans[key] = span;
  }
  const span = spans.get(pointer);
  if (span) element.span = span;
  element.attributeSpans = attributeSpans;
}

/** Spans written in the JSON point into some other file: replace them with positions in this one. */
function placeAll(topology: Topology, spans: Map<string, Span>): void {
  type Part = Topology["hosts"][number] | Topology["hosts"][number]["vms"][number];
  const visit = (part: Part, pointer: string): void => {
    place(part, pointer, part.kind === "host" ? hostFields : vmFields, spans);
    part.switches.forEach((item, index) =>
      place(item, `${pointer}/switches/${index}`, switchFields, spans),
    );
    if (part.nat) place(part.nat, `${pointer}/nat`, natFields, spans);
    part.vms.forEach((vm, index) => visit(vm, `${pointer}/vms/${index}`));
  };
  topology.hosts.forEach((host, index) => visit(host, `/hosts/${index}`));
}

export function readJsonTopology(text: string, fileName: string): JsonInputResult {
  let located;
  try {
    located = parseLocatedJson(text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return {
      topology: null,
      diagnostics: [
        {
          code: "HVN131",
          severity: "error",
          message: `invalid JSON: ${error.message}`,
          span: spanAt(lineStarts(text), error.offset, Math.min(error.offset + 1, text.length)),
          hint: "A .json input must be a JSON document following schema/topology.schema.json.",
        },
      ],
    };
  }
  const problems = schemaViolations(located.value);
  if (problems.length > 0) {
    return {
      topology: null,
      diagnostics: problems.map((problem) => {
        const span = spanFor(located.spans, problem.pointer);
        return {
          code: "HVN132",
          severity: "error",
          message: `${problem.pointer || "/"}: ${problem.message}`,
          ...(span ? { span } : {}),
          hint: "Fix the value at this JSON pointer; schema/topology.schema.json describes every field.",
        };
      }),
    };
  }
  const topology = located.value as Topology;
  topology.source = fileName.split(/[\\/]/).pop() ?? fileName;
  placeAll(topology, located.spans);
  return { topology, diagnostics: [] };
}
