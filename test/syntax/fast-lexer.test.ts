import { readdirSync, readFileSync } from "node:fs";
import type { IToken } from "chevrotain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lexFast } from "../../grammar/fast-lexer.js";
import { hvnestLexer } from "../../grammar/lexer.js";
import { attributeKeys } from "../../grammar/tokens.js";
import { generateTopology } from "../../scripts/gen-topology.mjs";
import { mutatedSample } from "./mutated-samples.js";

/** Whether the hand-written lexer gave up (null) or gave chevrotain's tokens, field by field. */
function compare(text: string): "fast" | "gave up" {
  const fast = lexFast(text)?.tokens ?? null;
  if (fast === null) return "gave up";
  const theirs = hvnestLexer().tokenize(text);
  expect(theirs.errors).toEqual([]);
  expect(fast).toStrictEqual(theirs.tokens);
  // The same fields in the same order: V8 then gives both the same object layout.
  expect(fast.map((token) => Object.keys(token))).toEqual(
    theirs.tokens.map((token) => Object.keys(token)),
  );
  return "fast";
}

const texts = (dir: string): string[] => {
  const url = new URL(dir, import.meta.url);
  return readdirSync(url)
    .filter((name) => name.endsWith(".hvnest"))
    .map((name) => readFileSync(new URL(name, url), "utf8"));
};

// Words and characters near every decision the lexer makes.
const piece = fc.constantFrom(
  ...["host", "vm", "nat", "vswitch", "gw", "external", "internal", "private", ...attributeKeys],
  ...["hostx", "cpusx", "cp", "vm-1", "Host", "dynamic", "dynamic-memory2", "gw1", "_a", "-a"],
  ...["1", "12", "1.2", "1.2.3", "1.2.3.4", "1.2.3.4.5", "10.0.0.0/24", "1.2.3.4/", "1.2.3/8"],
  ...[".5", ".5/24", ".5/", ".x", ".", "..", "4GB", "4gb", "4Gb", "4KB", "4GBs", "1e3", "0x1"],
  ...["'a'", "'a''b'", "'ab''", "''", "'", "'é'", "'a", "#c", "# é", "<", ">", ",", "/", "@"],
  ...[" ", "  ", "\t", "\n", "\r\n", "\r", "\r\r\n", "\v", "\f", "\u00a0", "\ufeff", "\u2028"],
  ...["é", "\u0000", "a@b", "a/b", "x'y'", "a#b", "a<b", "1.2.3.4@", ".5@", "ß"],
);
const source = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(""));
const spaced = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(" "));

describe("lexFast", () => {
  it("lexes every sample as chevrotain does", () => {
    const samples = texts("../../samples/");
    expect(samples.length).toBeGreaterThan(4);
    for (const text of samples) expect(compare(text)).toBe("fast");
  });

  it("lexes a generated fleet as chevrotain does", () => {
    expect(compare(generateTopology(1200))).toBe("fast");
  });

  it("lexes a range of the text in place, with the whole text's positions", () => {
    for (const eol of ["\n", "\r\n", "\r"]) {
      const text = generateTopology(300).replaceAll("\n", eol);
      const whole = lexFast(text);
      const pieces: IToken[] = [];
      let line = 1;
      for (let start = 0; start < text.length;) {
        const cut = text.indexOf(eol, start + 5000);
        const stop = cut < 0 ? text.length : cut + eol.length;
        const piece = lexFast(text, start, stop, line);
        pieces.push(...(piece?.tokens ?? []));
        line = piece?.line ?? -1;
        start = stop;
      }
      expect(pieces).toStrictEqual(whole?.tokens);
      expect(line).toBe(whole?.line);
      expect(line).toBe(text.split(eol).length);
    }
  });

  it("lexes the invalid samples as chevrotain does, or gives up", () => {
    const seen = { fast: 0, "gave up": 0 };
    for (const text of texts("../../samples/invalid/")) seen[compare(text)]++;
    expect(seen.fast).toBeGreaterThan(10);
    expect(seen["gave up"]).toBeGreaterThan(1);
  });

  it("lexes CRLF and CR-only copies as chevrotain does", () => {
    for (const text of texts("../../samples/")) {
      expect(compare(text.replaceAll("\n", "\r\n"))).toBe("fast");
      expect(compare(text.replaceAll("\n", "\r"))).toBe("fast");
    }
  });

  it("lexes as chevrotain does, or gives up, on text near every decision", () => {
    const seen = { fast: 0, "gave up": 0 };
    for (const text of fc.sample(source, { numRuns: 4000, seed: 61 })) seen[compare(text)]++;
    for (const text of fc.sample(spaced, { numRuns: 4000, seed: 62 })) seen[compare(text)]++;
    expect(seen.fast).toBeGreaterThan(500);
    expect(seen["gave up"]).toBeGreaterThan(500);
  });

  it("lexes mutated samples as chevrotain does, or gives up", () => {
    const seen = { fast: 0, "gave up": 0 };
    for (const text of fc.sample(mutatedSample, { numRuns: 3000, seed: 63 })) seen[compare(text)]++;
    expect(seen.fast).toBeGreaterThan(300);
    expect(seen["gave up"]).toBeGreaterThan(300);
  });

  it("gives up where chevrotain reports an error or makes a bad word or an open string", () => {
    for (const text of ["a@b", "'open", "_x", ".x", "10.0.0/24", "1.2.3.4/x", "é", "a\u00a0b"]) {
      expect(lexFast(text)).toBeNull();
    }
  });
});
