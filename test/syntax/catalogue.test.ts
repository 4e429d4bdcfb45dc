import { describe, expect, it } from "vitest";
import { catalogue, explainText, lookupCode } from "../../src/diagnostics/catalogue.js";
import { syntaxCodes } from "../../src/syntax/codes.js";

const ranges: Record<string, RegExp> = {
  syntax: /^HVN1\d\d$/,
  input: /^HVN1\d\d$/,
  rule: /^HVN2\d\d$/,
  internal: /^HVN9\d\d$/,
};

describe("the catalogue", () => {
  it("holds each code once", () => {
    const codes = catalogue.map((entry) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it.each(catalogue.map((entry) => [entry.code, entry] as const))(
    "%s is in its stage's range and documented",
    (code, entry) => {
      expect(code).toMatch(ranges[entry.stage]!);
      expect(entry.title.length).toBeGreaterThan(0);
      expect(entry.meaning.length).toBeGreaterThan(10);
      expect(entry.fix.length).toBeGreaterThan(5);
    },
  );

  it("reserves HVN901 and HVN902 for hvnest's own failures", () => {
    expect(lookupCode("HVN901")?.stage).toBe("internal");
    expect(lookupCode("hvn902")?.stage).toBe("internal");
  });

  it("collects every syntax code", () => {
    for (const entry of syntaxCodes) expect(lookupCode(entry.code)).toBe(entry);
  });

  it("explains a code and nothing for an unknown one", () => {
    expect(explainText("HVN104")).toContain("HVN104 (error, syntax): unclosed body");
    expect(explainText("HVN104")).toContain("Fix: Add the missing `>`");
    expect(explainText("HVN999")).toBeUndefined();
  });
});
