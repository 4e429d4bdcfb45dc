import { describe, expect, it } from "vitest";
import { makeSpan } from "../../src/diagnostics/span.js";
import { parse } from "../../src/syntax/parse.js";

describe("makeSpan", () => {
  it("keeps whole numbers, including those read back from a double", () => {
    const boxed = new Float64Array([5, 1, 6, 9, 1, 10]);
    expect(
      makeSpan(...(Array.from(boxed) as [number, number, number, number, number, number])),
    ).toEqual({ offset: 5, line: 1, column: 6, endOffset: 9, endLine: 1, endColumn: 10 });
  });

  it("turns NaN, which only error recovery makes, into 0", () => {
    expect(makeSpan(NaN, 1, NaN, NaN, 1, NaN)).toEqual({
      offset: 0,
      line: 1,
      column: 0,
      endOffset: 0,
      endLine: 1,
      endColumn: 0,
    });
  });

  it("gives every span of a parse the same six fields, all integers", () => {
    const { file } = parse("host HV01 cpu intel <\n  vm 'A' memory 2GB <\n    vm B\n  >\n>\n");
    const spans: unknown[] = [];
    const visit = (value: unknown, key: string): void => {
      if (value === null || typeof value !== "object") return;
      if (key === "span" || key.endsWith("Span")) spans.push(value);
      for (const [k, v] of Object.entries(value)) visit(v, k);
    };
    visit(file, "");
    expect(spans.length).toBeGreaterThan(8);
    for (const span of spans) {
      expect(Object.keys(span as object)).toEqual([
        "offset",
        "line",
        "column",
        "endOffset",
        "endLine",
        "endColumn",
      ]);
      for (const field of Object.values(span as object)) expect(Number.isInteger(field)).toBe(true);
    }
  });
});
