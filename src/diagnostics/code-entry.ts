import type { Severity } from "./diagnostic.js";

/** Which stage reports a code: HVN1xx syntax and input, HVN2xx rule, HVN9xx internal. */
export type Stage = "syntax" | "input" | "rule" | "internal";

/** One code of the catalogue, with the text `hvnest explain CODE` prints. */
export interface CodeEntry {
  code: string;
  severity: Severity;
  /** A short slug-like title, e.g. "unclosed body". */
  title: string;
  stage: Stage;
  /** What the code means, in a sentence or two. */
  meaning: string;
  /** A minimal input that triggers it. */
  example: string;
  /** How to fix it. */
  fix: string;
}
