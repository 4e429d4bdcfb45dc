import type { CodeEntry } from "./code-entry.js";
import { syntaxCodes } from "../syntax/codes.js";
import { jsonInputCodes } from "../ir/codes.js";
import { ruleCodes } from "../rules/index.js";

export type { CodeEntry, Stage } from "./code-entry.js";

/** Codes no stage of the pipeline owns: failures of hvnest itself. */
export const internalCodes: readonly CodeEntry[] = [
  {
    code: "HVN901",
    severity: "error",
    title: "internal error",
    stage: "internal",
    meaning: "hvnest failed unexpectedly. This is a bug in hvnest, not in your file.",
    example: "(none: any input that triggers it is a bug)",
    fix: "Please report it with the input file and the message.",
  },
  {
    code: "HVN902",
    severity: "error",
    title: "output failed schema validation",
    stage: "internal",
    meaning:
      "A document hvnest produced does not follow hvnest's own JSON Schema. This is a bug in hvnest.",
    example: "(none: any input that triggers it is a bug)",
    fix: "Please report it with the input file and the message.",
  },
];

/**
 * THE catalogue: every code any stage reports. Each stage owns its entries next to its
 * code (syntax in src/syntax/codes.ts); add a stage's array here.
 */
export const catalogue: readonly CodeEntry[] = [
  ...syntaxCodes,
  ...jsonInputCodes,
  ...ruleCodes,
  ...internalCodes,
];

const byCode = new Map(catalogue.map((entry) => [entry.code, entry]));

export function lookupCode(code: string): CodeEntry | undefined {
  return byCode.get(code.toUpperCase());
}

/** The text `hvnest explain CODE` prints, or undefined for an unknown code. */
export function explainText(code: string): string | undefined {
  const entry = lookupCode(code);
  if (entry === undefined) return undefined;
  return [
    `${entry.code} (${entry.severity}, ${entry.stage}): ${entry.title}`,
    "",
    entry.meaning,
    "",
    "Example:",
    `  ${entry.example}`,
    "",
    `Fix: ${entry.fix}`,
  ].join("\n");
}
