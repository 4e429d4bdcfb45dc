import { Lexer } from "chevrotain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hvnestLexer } from "../../grammar/lexer.js";
import { allTokens, WhiteSpace } from "../../grammar/tokens.js";
import { mutatedSample } from "./mutated-samples.js";

/** Line and column of each offset, counting "\r\n", "\r" and "\n" as chevrotain does. */
function positions(text: string): { line: number; column: number }[] {
  const result: { line: number; column: number }[] = [];
  let line = 1;
  let column = 1;
  for (let i = 0; i < text.length; i++) {
    result.push({ line, column });
    const ch = text[i];
    if (ch === "\n" || (ch === "\r" && text[i + 1] !== "\n")) {
      line++;
      column = 1;
    } else column++;
  }
  return result;
}

function expectPositions(text: string): void {
  const at = positions(text);
  for (const token of hvnestLexer().tokenize(text).tokens) {
    const start = at[token.startOffset];
    const end = at[token.endOffset as number];
    expect(
      [token.startLine, token.startColumn, token.endLine, token.endColumn],
      `${token.tokenType.name} ${JSON.stringify(token.image)} at ${token.startOffset}`,
    ).toEqual([start?.line, start?.column, end?.line, end?.column]);
  }
}

// Tokens declare whether they can hold a line break (grammar/tokens.ts), so that the lexer
// does not work it out at start-up; a wrong `line_breaks: false` would shift every line after.
describe("token positions", () => {
  it("only white space can hold a line break, and every other token says so", () => {
    for (const token of allTokens) {
      if (token.PATTERN === Lexer.NA) continue;
      expect(token.LINE_BREAKS, token.name).toBe(token === WhiteSpace);
    }
  });

  it("match their offsets in mutated samples", () => {
    fc.assert(fc.property(mutatedSample, expectPositions), { numRuns: 1000 });
  });

  it("match their offsets in text made of line breaks, quotes, comments and words", () => {
    const piece = fc.constantFrom(
      ...["\n", "\r", "\r\n", "\u2028", " ", "\t", "'", "''", "#", "<", ">", ",", "a", "1", "."],
      ...["host", "vm", "4GB", "1.2", ".3", "10.0.0.1/8", "@", "é", "\ufeff", "\u00a0"],
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => expectPositions(parts.join(""))),
      { numRuns: 3000 },
    );
  });
});
