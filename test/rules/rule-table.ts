// Table-driven rule tests: `»` in a source marks where a finding of the rule must start.
import { describe, expect, it } from "vitest";
import { parse } from "../../src/syntax/parse.js";
import { resolve } from "../../src/ir/resolve.js";
import { runRules } from "../../src/rules/run.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";

export const MARK = "»";

export function findings(source: string): Diagnostic[] {
  const { file, diagnostics } = parse(source);
  expect(diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  return runRules({ topology: resolve(file, "test.hvnest"), file });
}

/** Line and column (1-based) of every marker, as positions in the source without markers. */
export function markers(marked: string): Array<{ line: number; column: number }> {
  const positions: Array<{ line: number; column: number }> = [];
  let line = 1;
  let column = 1;
  for (const char of marked) {
    if (char === MARK) {
      positions.push({ line, column });
      continue;
    }
    if (char === "\n") {
      line++;
      column = 1;
    } else {
      column++;
    }
  }
  return positions;
}

export interface RuleTable {
  /** Sources with a `»` where each finding of the rule starts. */
  fails: string[];
  /** Sources without any finding of the rule. */
  passes: string[];
}

export function ruleTable(code: string, table: RuleTable): void {
  describe(code, () => {
    it.each(table.fails)(`reports ${code} in %s`, (marked) => {
      const found = findings(marked.replaceAll(MARK, "")).filter((d) => d.code === code);
      const at = found.map((d) => ({ line: d.span?.line, column: d.span?.column }));
      expect(at).toEqual(markers(marked));
      for (const d of found) {
        expect(d.message.length).toBeGreaterThan(20);
        expect(d.message).toMatch(/\[(platform limit|policy)[^\]]*\]$/);
        expect(d.hint ?? "").not.toBe("");
      }
    });
    it.each(table.passes)(`accepts %s`, (source) => {
      expect(findings(source).filter((d) => d.code === code)).toEqual([]);
    });
  });
}
