import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkSource } from "../../src/compile.js";
import { syntaxCodes } from "../../src/syntax/codes.js";
import { FOUR_LAYERS, ONE_LINER } from "./helpers.js";

const samples = new URL("../../samples/", import.meta.url);
const invalid = new URL("invalid/", samples);
const read = (dir: URL, name: string): Uint8Array => readFileSync(new URL(name, dir));

interface Expected {
  code: string;
  line: number | null;
  column: number | null;
}
const expected = JSON.parse(readFileSync(new URL("expected.json", invalid), "utf8")) as Record<
  string,
  Expected[]
>;

describe("valid samples", () => {
  const names = readdirSync(samples).filter((name) => name.endsWith(".hvnest"));

  it("include the spec's examples verbatim", () => {
    expect(readFileSync(new URL("article-four-layers.hvnest", samples), "utf8")).toBe(FOUR_LAYERS);
    expect(readFileSync(new URL("article-nat.hvnest", samples), "utf8")).toContain(
      `\n${ONE_LINER}\n`,
    );
    expect(names.length).toBeGreaterThanOrEqual(5);
  });

  it.each(names)("%s passes check without errors or warnings", (name) => {
    const result = checkSource(name, read(samples, name));
    expect(result.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(result.ast?.hosts.length).toBeGreaterThan(0);
  });
});

describe("invalid samples (samples/invalid/expected.json)", () => {
  // Topologies come as .hvnest text or as .json resolved topologies.
  const names = readdirSync(invalid).filter((name) => /^HVN\d{3}-.*\.(hvnest|json)$/.test(name));

  it("cover every syntax code, each file listed in expected.json", () => {
    for (const { code } of syntaxCodes)
      expect(names.some((name) => name.startsWith(`${code}-`))).toBe(true);
    expect(Object.keys(expected).sort()).toEqual([...names].sort());
  });

  it.each(names)("%s gives the recorded diagnostics, its own code first", (name) => {
    const { diagnostics } = checkSource(name, read(invalid, name));
    const found = diagnostics.map((d) => ({
      code: d.code,
      line: d.span?.line ?? null,
      column: d.span?.column ?? null,
    }));
    expect(found).toEqual(expected[name]);
    expect(found.map((d) => d.code)).toContain(name.slice(0, 6));
  });
});
