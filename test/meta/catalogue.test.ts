// Every code of the catalogue is backed: a rule or stage entry, a test, an invalid sample,
// explain text; codes are unique and in their stage's range.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { catalogue, internalCodes } from "../../src/diagnostics/catalogue.js";
import { syntaxCodes } from "../../src/syntax/codes.js";
import { jsonInputCodes } from "../../src/ir/codes.js";
import { rules } from "../../src/rules/index.js";
import { explainCode } from "../../src/explain.js";
import { checkSource } from "../../src/compile.js";

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => pattern.test(name))
    .map((name) => join(dir, name));
}

const testText = files("test", /\.test\.ts$/)
  .filter((path) => !path.startsWith(join("test", "meta")))
  .map((path) => readFileSync(path, "utf8"))
  .join("\n");
const invalid = readdirSync("samples/invalid");
const ruleFiles = readdirSync("src/rules");
const ranges = {
  syntax: /^HVN1\d\d$/,
  input: /^HVN1\d\d$/,
  rule: /^HVN2\d\d$/,
  internal: /^HVN9\d\d$/,
};
const codes = catalogue.map((entry) => entry.code);
/** Internal errors are hvnest's bugs: no input may trigger them, so no sample can. */
const triggerable = catalogue.filter((entry) => entry.stage !== "internal");

describe("the catalogue, code by code", () => {
  it("holds each code once, and every rule", () => {
    expect(new Set(codes).size).toBe(codes.length);
    for (const rule of rules) expect(codes).toContain(rule.code);
  });

  it.each(catalogue.map((entry) => [entry.code, entry] as const))("%s is backed", (code, entry) => {
    expect(code).toMatch(ranges[entry.stage]);
    const owners = {
      syntax: syntaxCodes,
      input: [...syntaxCodes, ...jsonInputCodes],
      internal: internalCodes,
      rule: [],
    };
    const rule = rules.find((candidate) => candidate.code === code);
    if (entry.stage === "rule") expect(rule, "a rule in src/rules/index.ts").toBeDefined();
    else expect(owners[entry.stage].some((owned) => owned.code === code)).toBe(true);
    expect(testText, "a test that mentions the code").toContain(code);
    const text = explainCode(code);
    expect(text).toContain(`${code} (${entry.severity}, ${entry.stage}): ${entry.title}`);
    expect(text).toMatch(/Fix: \S/);
  });

  it.each(triggerable.map((entry) => entry.code))(
    "%s has a minimal file in samples/invalid that reports it",
    (code) => {
      const sample = invalid.find((name) => name.startsWith(`${code}-`));
      expect(sample, `samples/invalid/${code}-<slug>.*`).toBeDefined();
      const { diagnostics } = checkSource(sample!, readFileSync(join("samples/invalid", sample!)));
      expect(diagnostics.map((d) => d.code)).toContain(code);
    },
  );
});

describe("the rules", () => {
  it.each(rules.map((rule) => [rule.code, rule] as const))(
    "%s lives in its own documented file",
    (code, rule) => {
      const file = ruleFiles.find((name) => name.startsWith(`${code.toLowerCase()}-`));
      expect(file, `src/rules/${code.toLowerCase()}-<slug>.ts`).toBeDefined();
      expect(readFileSync(join("src/rules", file!), "utf8").split("\n")[0]).toMatch(
        new RegExp(`^// ${code}: \\S`),
      );
      expect(["platform limit", "policy"]).toContain(rule.docs.kind);
      for (const field of ["enforces", "why", "source", "example", "fix"] as const) {
        expect(rule.docs[field].length, field).toBeGreaterThan(10);
      }
      expect(explainCode(code)).toContain(rule.docs.why.split(" ").slice(0, 3).join(" "));
    },
  );

  it.each(rules.map((rule) => [rule.code, rule] as const))(
    "the failing example of %s fails it",
    (code, rule) => {
      const { diagnostics } = checkSource(
        "example.hvnest",
        new TextEncoder().encode(rule.docs.example),
      );
      expect(diagnostics.filter((d) => d.code < "HVN200").map((d) => d.message)).toEqual([]);
      expect(diagnostics.map((d) => d.code)).toContain(code);
    },
  );

  it("run in code order", () => {
    const ordered = [...rules.map((rule) => rule.code)].sort();
    expect(rules.map((rule) => rule.code)).toEqual(ordered);
  });
});
