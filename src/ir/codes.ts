// Catalogue entries of the JSON topology input (HVN13x).
import type { CodeEntry } from "../diagnostics/code-entry.js";

export const jsonInputCodes: readonly CodeEntry[] = [
  {
    code: "HVN131",
    severity: "error",
    title: "invalid JSON",
    stage: "input",
    meaning:
      "A .json input is not a JSON document; the message gives the line and column where reading stopped.",
    example: '{ "schemaVersion": 1, "hosts": [ }',
    fix: "Correct the JSON at that position (a missing comma, quote or bracket), or pass a .hvnest file.",
  },
  {
    code: "HVN132",
    severity: "error",
    title: "JSON topology breaks the schema",
    stage: "input",
    meaning:
      "A .json input is JSON but does not follow schema/topology.schema.json: a property is missing, unknown, or of the wrong type or form. The message starts with the JSON pointer of the problem.",
    example: '{ "schemaVersion": 1, "source": "x", "hosts": [ { "kind": "host" } ] }',
    fix: "Fix the value at the JSON pointer; `hvnest build` writes a valid topology.json to start from.",
  },
];
