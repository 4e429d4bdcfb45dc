import { Lexer } from "chevrotain";
import { bundled } from "../src/bundled.js";
import { allTokens } from "./tokens.js";

/**
 * Built once per process. Full position tracking: every AST node carries line and column.
 * The token patterns use lookaheads, which chevrotain's first-character optimisation cannot
 * analyse; that only costs speed on the slow path, so it is not required.
 */
export const hvnestLexer = new Lexer(allTokens, {
  positionTracking: "full",
  ensureOptimizations: false,
  // Validated by every test run; the shipped bundle skips it (perf: start-up).
  skipValidations: bundled,
  errorMessageProvider: {
    buildUnexpectedCharactersMessage: (text, offset, length) =>
      `unexpected character ${JSON.stringify(text.slice(offset, offset + length))}`,
    buildUnableToPopLexerModeMessage: () => "internal lexer mode error",
  },
});
