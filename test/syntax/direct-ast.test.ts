import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hvnestLexer } from "../../grammar/lexer.js";
import { recordingParser } from "../../grammar/parser.js";
import { generateTopology } from "../../scripts/gen-topology.mjs";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { makeSpan } from "../../src/diagnostics/span.js";
import { buildAst } from "../../src/syntax/build-ast.js";
import { buildAstDirect } from "../../src/syntax/direct-ast.js";
import { mutatedSample } from "./mutated-samples.js";

const parser = recordingParser();

/**
 * The full path's hosts and extent of `text` as one run (null when the parser or the
 * builder reports anything), and the direct path's.
 */
function both(text: string): { full: string | null; direct: string | null } {
  const tokens = hvnestLexer().tokenize(text).tokens;
  parser.input = tokens;
  const cst = parser.file();
  const reports: Diagnostic[] = [];
  const built = buildAst(
    cst,
    (diagnostic) => void reports.push(diagnostic),
    // Only whether something is reported matters here, not where.
    () => ({ found: "the end of the file", span: makeSpan(0, 1, 1, 0, 1, 1) }),
  );
  const clean = parser.errors.length === 0 && reports.length === 0 && tokens.length > 0;
  const direct = buildAstDirect(tokens);
  return {
    full: clean ? JSON.stringify({ hosts: built.hosts, span: built.span }) : null,
    direct: direct && JSON.stringify(direct),
  };
}

const texts = (dir: string): string[] => {
  const url = new URL(dir, import.meta.url);
  return readdirSync(url)
    .filter((name) => name.endsWith(".hvnest"))
    .map((name) => readFileSync(new URL(name, url), "utf8"));
};

describe("buildAstDirect", () => {
  it("builds the AST of every sample and of a generated fleet as the full path does", () => {
    for (const text of [...texts("../../samples/"), generateTopology(1200)]) {
      const { full, direct } = both(text);
      expect(full).not.toBeNull();
      expect(direct).toBe(full);
    }
  });

  it("gives up on every invalid sample the parser or builder reports on, and only those", () => {
    let gaveUp = 0;
    for (const text of texts("../../samples/invalid/")) {
      const { full, direct } = both(text);
      expect(direct).toBe(full);
      if (direct === null) gaveUp++;
    }
    expect(gaveUp).toBeGreaterThan(8);
  });

  it("builds the full path's AST of mutated samples, or gives up exactly where it reports", () => {
    const seen = { built: 0, gaveUp: 0 };
    for (const text of fc.sample(mutatedSample, { numRuns: 5000, seed: 64 })) {
      const { full, direct } = both(text);
      expect(direct).toBe(full);
      if (direct === null) seen.gaveUp++;
      else seen.built++;
    }
    expect(seen.built).toBeGreaterThan(300);
    expect(seen.gaveUp).toBeGreaterThan(1000);
  });

  it("gives up on each kind of finding", () => {
    for (const text of [
      "host H < vm A memory 1GB, >",
      "host H < vm A nested 1 >",
      "host H < vm A memory >",
      "host H < vm A memory 1GB 2GB >",
      "host H < vm A memory 99999999999999999999GB >",
      "host H < nat 10.0.0.0/24 .1 >",
      "host H < nat 10.0.0.0/24 gw >",
      "host H < vswitch S >",
      "host H < vm >",
      "host H < host G >",
      "host H < < > >",
      "host H < 5 >",
      "host H > >",
      "vm A",
      "host H < vm A <",
    ]) {
      expect(both(text)).toEqual({ full: null, direct: null });
    }
  });
});
