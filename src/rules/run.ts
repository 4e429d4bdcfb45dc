// Runs every rule over one topology and returns the findings as diagnostics, by position.
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Rule, RuleContext } from "./rule.js";
import { rules } from "./index.js";

export function byPosition(a: Diagnostic, b: Diagnostic): number {
  const offsetA = a.span?.offset ?? -1;
  const offsetB = b.span?.offset ?? -1;
  return offsetA - offsetB || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

export function runRule(rule: Rule, context: RuleContext): Diagnostic[] {
  return rule.check(context).map((finding) => ({
    code: rule.code,
    severity: rule.severity,
    message: `${finding.message} [${finding.basis ?? `${rule.docs.kind}: ${rule.docs.source}`}]`,
    ...(finding.span ? { span: finding.span } : {}),
    hint: finding.hint,
  }));
}

export function runRules(context: RuleContext): Diagnostic[] {
  return rules.flatMap((rule) => runRule(rule, context)).sort(byPosition);
}
