import type { IToken } from "chevrotain";
import { kindOf } from "./token-kinds.js";

/**
 * A run's tokens read one at a time: what the two hand-written parsers share
 * (grammar/cst-parser.ts builds chevrotain's CST, src/syntax/direct-ast.ts the AST).
 */
export class TokenCursor {
  protected at = 0;

  constructor(protected readonly tokens: readonly IToken[]) {}

  /** The next token's type index, or -1 at the end. */
  protected type(): number {
    const token = this.tokens[this.at];
    return token === undefined ? -1 : token.tokenTypeIdx;
  }

  /** The next token's categories (grammar/token-kinds.ts), or 0 at the end. */
  protected kind(): number {
    return kindOf(this.tokens[this.at]);
  }
}
