import { Lexer } from "chevrotain";
import { bundled } from "../src/bundled.js";
import { allTokens } from "./tokens.js";

let lexer: Lexer | undefined;

/**
 * Built on first use, once per process: a run that lexes nothing (`--version`, `explain`)
 * never builds it. Full position tracking: every AST node carries line and column.
 * First-character optimisation is required, so that a token pattern chevrotain cannot
 * analyse fails the tests instead of silently making the lexer several times slower.
 */
export function hvnestLexer(): Lexer {
  return (lexer ??= new Lexer(allTokens, {
    positionTracking: "full",
    ensureOptimizations: true,
    // Validated by every test run; the shipped bundle skips it (perf: start-up).
    skipValidations: bundled,
    errorMessageProvider: {
      buildUnexpectedCharactersMessage: (text, offset, length) =>
        `unexpected character ${JSON.stringify(text.slice(offset, offset + length))}`,
      buildUnableToPopLexerModeMessage: () => "internal lexer mode error",
    },
  }));
}
