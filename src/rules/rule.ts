// The shape of a topology rule: its catalogue entry and documentation live beside its check.
import type { Severity } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/span.js";
import type { FileNode } from "../syntax/ast.js";
import type { Topology } from "../ir/model.js";

export type RuleKind = "platform limit" | "policy";

/** What `hvnest explain CODE` prints, and what the catalogue collects. */
export interface RuleDocs {
  /** What the rule enforces, in a sentence. */
  enforces: string;
  /** Why: the limit or the reasoning behind it. */
  why: string;
  kind: RuleKind;
  /** Where the fact comes from: a line of facts.md or a documentation link. */
  source: string;
  /** A minimal topology that fails the rule. */
  example: string;
  /** How to fix it. */
  fix: string;
}

export interface RuleContext {
  topology: Topology;
  /** The AST for `.hvnest` input; null for a JSON topology (AST-only checks are skipped). */
  file: FileNode | null;
}

export interface Finding {
  span: Span | undefined;
  /** Names the element and says what is wrong. */
  message: string;
  /** How to fix this occurrence. */
  hint: string;
  /** Overrides the rule's kind and source for this finding, e.g. "policy: ...". */
  basis?: string;
}

export interface Rule {
  code: string;
  severity: Severity;
  title: string;
  docs: RuleDocs;
  check(context: RuleContext): Finding[];
}
