import type { TokenType } from "chevrotain";

// Which token types each category holds, read from the CATEGORIES the tokens were created
// with rather than from the maps chevrotain fills in. The shipped bundle creates tokens
// without those maps (scripts/bundle-cli.mjs: building them token by token cost ~3 ms of
// every start-up, perf issue 6); chevrotain fills them when it builds a lexer or parser,
// which a valid file never needs. test/syntax/categories.test.ts compares this with
// chevrotain's tokenMatcher.

/** The categories `type` is in, directly or through another category. */
function ancestors(type: TokenType, into = new Set<TokenType>()): Set<TokenType> {
  const direct = type.CATEGORIES;
  for (const category of Array.isArray(direct) ? direct : direct ? [direct] : []) {
    if (into.has(category)) continue;
    into.add(category);
    ancestors(category, into);
  }
  return into;
}

/**
 * The tokenTypeIdx of every type in `tokens` that is in `category` (not the category itself),
 * in ascending order, as chevrotain's `categoryMatches`.
 */
export function categoryMembers(category: TokenType, tokens: readonly TokenType[]): number[] {
  return tokens
    .filter((type) => type !== category && ancestors(type).has(category))
    .map((type) => type.tokenTypeIdx as number)
    .sort((a, b) => a - b);
}

/** Whether a token of `type` matches `expected`, as chevrotain's tokenMatcher answers. */
export function matches(type: TokenType, expected: TokenType): boolean {
  return type === expected || ancestors(type).has(expected);
}
