import { readdirSync, readFileSync } from "node:fs";
import type { CstElement, CstNode, IToken } from "chevrotain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCst } from "../../grammar/cst-parser.js";
import { hvnestLexer } from "../../grammar/lexer.js";
import { recordingParser } from "../../grammar/parser.js";
import { mutatedSample } from "./mutated-samples.js";

/** The CST as text: key order, names, locations, and each token by its offset and type. */
function show(element: CstElement): unknown {
  if ("image" in element) {
    const token = element as IToken;
    return `${token.tokenType.name}@${token.startOffset}`;
  }
  const node = element as CstNode;
  return {
    name: node.name,
    location: node.location,
    prototype: Object.getPrototypeOf(node.children),
    children: Object.entries(node.children).map(([key, list]) => [key, list.map(show)]),
  };
}

const parser = recordingParser();

/** Chevrotain's parse (with its own grammar analysis) and the hand-written one of `text`. */
function both(text: string): { errors: number; theirs: string; ours: string | null } {
  const tokens = hvnestLexer().tokenize(text).tokens;
  parser.input = tokens;
  const theirs = JSON.stringify(show(parser.file()));
  const ours = parseCst(tokens);
  return { errors: parser.errors.length, theirs, ours: ours && JSON.stringify(show(ours)) };
}

function expectSame(text: string): void {
  const { errors, theirs, ours } = both(text);
  if (errors > 0) expect(ours).toBeNull();
  else expect(ours).toBe(theirs);
}

const samplesDir = new URL("../../samples/", import.meta.url);
const samples = readdirSync(samplesDir)
  .filter((name) => name.endsWith(".hvnest"))
  .map((name) => readFileSync(new URL(name, samplesDir), "utf8"));
const invalidDir = new URL("../../samples/invalid/", import.meta.url);
const invalid = readdirSync(invalidDir)
  .filter((name) => name.endsWith(".hvnest"))
  .map((name) => readFileSync(new URL(name, invalidDir), "utf8"));

describe("parseCst", () => {
  it("builds chevrotain's CST of every sample", () => {
    expect(samples.length).toBeGreaterThan(3);
    for (const text of samples) {
      const { errors, theirs, ours } = both(text);
      expect(errors).toBe(0);
      expect(ours).toBe(theirs);
    }
  });

  it("builds chevrotain's CST of each invalid sample that parses, and gives up on the others", () => {
    let gaveUp = 0;
    for (const text of invalid) {
      const { errors, theirs, ours } = both(text);
      if (errors > 0) {
        expect(ours).toBeNull();
        gaveUp++;
      } else expect(ours).toBe(theirs);
    }
    expect(gaveUp).toBeGreaterThan(0);
  });

  it("gives up exactly where chevrotain reports an error: a body open at the end", () => {
    expect(both("host H < vm A <").ours).toBeNull();
    expect(both("host H < vm A <").errors).toBeGreaterThan(0);
    expectSame("> > host H gw , , 'x' < > < vm < > > nat gw .1 external vswitch 'q' private ,");
    expectSame("");
  });

  it("builds chevrotain's CST of mutated samples, and gives up where it has errors", () => {
    let parsed = 0;
    let gaveUp = 0;
    for (const text of fc.sample(mutatedSample, { numRuns: 5000, seed: 6 })) {
      const { errors, theirs, ours } = both(text);
      if (errors > 0) {
        expect(ours).toBeNull();
        gaveUp++;
      } else {
        expect(ours).toBe(theirs);
        parsed++;
      }
    }
    expect(parsed).toBeGreaterThan(1000);
    expect(gaveUp).toBeGreaterThan(300);
  });
});
