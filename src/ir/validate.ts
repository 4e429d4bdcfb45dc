// Checks every model against schema/topology.schema.json with the validator compiled at
// build time (generated/, see scripts/gen-validator.mjs): ajv never compiles at run time.
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import validateTopology from "../../generated/topology-validator.js";
import { schemaProblems, type SchemaProblem } from "./schema-errors.js";

export function schemaViolations(data: unknown): SchemaProblem[] {
  if (validateTopology(data)) return [];
  return schemaProblems(validateTopology.errors ?? []);
}

/**
 * A model hvnest produced that breaks its own schema is hvnest's bug, never the user's:
 * HVN902, saying what to report.
 *
 * Source positions (`span`, `attributeSpans`) are left out of this check: they are ~40% of a
 * model's objects and took about a third of its validation (perf, issue 6). Nothing is lost:
 * every span is made by makeSpan (src/diagnostics/span.ts), which forces its six fields to
 * integers, and the types let nothing else into those fields; the positions of a JSON input
 * were validated in full when it was read (src/ir/json-input.ts). They are set aside for the
 * call and put back as they were, even if the validator throws.
 */
export function validateModel(topology: unknown): Diagnostic[] {
  const aside: unknown[] = [];
  let problems: SchemaProblem[];
  try {
    setPositionsAside(topology, aside);
    problems = schemaViolations(topology);
  } finally {
    putPositionsBack(aside);
  }
  return problems.map((problem) => ({
    code: "HVN902",
    severity: "error",
    message: `internal error: the resolved topology breaks hvnest's schema at "${problem.pointer || "/"}": ${problem.message}`,
    hint: "This is a bug in hvnest, not in your file. Please report it with the input file and this message.",
  }));
}

interface Positioned {
  span?: unknown;
  attributeSpans?: unknown;
}

/** Walks whatever it is given without trusting its shape: the model may be the bug. */
function setPositionsAside(topology: unknown, aside: unknown[]): void {
  const hosts = (topology as { hosts?: unknown } | null)?.hosts;
  if (Array.isArray(hosts)) for (const host of hosts) setPartAside(host, aside);
}

function setPartAside(part: unknown, aside: unknown[]): void {
  if (typeof part !== "object" || part === null) return;
  setAside(part as Positioned, aside);
  const { nat, switches, vms } = part as { nat?: unknown; switches?: unknown; vms?: unknown };
  if (typeof nat === "object" && nat !== null) setAside(nat as Positioned, aside);
  if (Array.isArray(switches)) {
    for (const item of switches)
      if (typeof item === "object" && item !== null) setAside(item, aside);
  }
  if (Array.isArray(vms)) for (const vm of vms) setPartAside(vm, aside);
}

/**
 * Each entry is the node followed by its two positions; a field that was undefined is left
 * alone both ways, so that no property is added to a node that had none.
 */
function setAside(node: Positioned, aside: unknown[]): void {
  const { span, attributeSpans } = node;
  if (span === undefined && attributeSpans === undefined) return;
  aside.push(node, span, attributeSpans);
  if (span !== undefined) node.span = undefined;
  if (attributeSpans !== undefined) node.attributeSpans = undefined;
}

function putPositionsBack(aside: unknown[]): void {
  for (let i = 0; i < aside.length; i += 3) {
    const node = aside[i] as Positioned;
    if (aside[i + 1] !== undefined) node.span = aside[i + 1];
    if (aside[i + 2] !== undefined) node.attributeSpans = aside[i + 2];
  }
}
