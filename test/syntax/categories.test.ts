import { tokenMatcher, type IToken } from "chevrotain";
import { describe, expect, it } from "vitest";
import { categoryMembers, matches } from "../../grammar/categories.js";
import { hvnestParser } from "../../grammar/parser.js";
import { allTokens } from "../../grammar/tokens.js";

// The shipped bundle leaves chevrotain's category maps empty until it builds a lexer or
// parser (scripts/bundle-cli.mjs); grammar/categories.ts must answer as those maps do.
describe("token categories read from CATEGORIES", () => {
  hvnestParser(); // chevrotain's maps, complete however the tokens were made
  const categories = allTokens.filter((type) => (type.categoryMatches ?? []).length > 0);

  it("hold what chevrotain's categoryMatches hold, for every category", () => {
    expect(categories.length).toBeGreaterThanOrEqual(5);
    for (const category of categories) {
      expect(categoryMembers(category, allTokens), category.name).toEqual(
        [...(category.categoryMatches as number[])].sort((a, b) => a - b),
      );
    }
  });

  it("match as chevrotain's tokenMatcher does, for every pair of token types", () => {
    let matched = 0;
    for (const type of allTokens) {
      const probe = { tokenTypeIdx: type.tokenTypeIdx, tokenType: type } as IToken;
      for (const expected of allTokens) {
        const answer = tokenMatcher(probe, expected);
        expect(matches(type, expected), `${type.name} ${expected.name}`).toBe(answer);
        if (answer && type !== expected) matched++;
      }
    }
    expect(matched).toBeGreaterThan(20);
  });
});
