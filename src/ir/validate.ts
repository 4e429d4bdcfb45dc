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
 */
export function validateModel(topology: unknown): Diagnostic[] {
  return schemaViolations(topology).map((problem) => ({
    code: "HVN902",
    severity: "error",
    message: `internal error: the resolved topology breaks hvnest's schema at "${problem.pointer || "/"}": ${problem.message}`,
    hint: "This is a bug in hvnest, not in your file. Please report it with the input file and this message.",
  }));
}
