import type { Span } from "./span.js";

export type Severity = "error" | "warning" | "info";

/** The one shape every finding of every stage takes. */
export interface Diagnostic {
  /** A code of the catalogue, e.g. "HVN103". */
  code: string;
  severity: Severity;
  message: string;
  /** Where in the file; absent only for file-level problems (empty, not UTF-8). */
  span?: Span;
  /** How to fix it, written for people. */
  hint?: string;
}
