import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  createTokenInstance,
  EOF,
  type IRecognitionException,
  type IToken,
  Lexer,
} from "chevrotain";
import fc from "fast-check";
import { format, resolveConfig } from "prettier";
import { describe, expect, it } from "vitest";
import { analysisSource } from "../../grammar/analysis.js";
import { grammarData } from "../../grammar/analysis.generated.js";
import { hvnestLexer } from "../../grammar/lexer.js";
import { HvnestParser, hvnestParser, recordingParser } from "../../grammar/parser.js";
import {
  type Decision,
  prebuiltDecisions,
  prebuiltFollows,
  prebuiltRules,
} from "../../grammar/prebuilt.js";
import { allTokens } from "../../grammar/tokens.js";
import { mutatedSample } from "./mutated-samples.js";

const generated = new URL("../../grammar/analysis.generated.ts", import.meta.url);

describe("grammar/analysis.generated.ts", () => {
  it("is a fresh analysis of grammar/parser.ts", async () => {
    const path = fileURLToPath(generated);
    const fresh = await format(analysisSource(), {
      ...(await resolveConfig(path)),
      filepath: path,
    });
    if (process.env["HVNEST_UPDATE_GOLDEN"] === "1") writeFileSync(generated, fresh);
    expect(readFileSync(generated, "utf8")).toBe(fresh);
  });
});

describe("the shipped parser", () => {
  const recorded = recordingParser().getGAstProductions();

  it("has the grammar chevrotain records", () => {
    expect(hvnestParser().getGAstProductions()).toStrictEqual(recorded);
  });

  it("has the follow sets of error recovery chevrotain computes", () => {
    const follows = (parser: HvnestParser) =>
      (parser as unknown as { resyncFollows: Record<string, unknown> }).resyncFollows;
    expect(follows(hvnestParser())).toStrictEqual(follows(recordingParser()));
  });

  it("has chevrotain's lookahead functions: at the same keys, the same choice for every token", () => {
    const cache = (parser: HvnestParser) =>
      (parser as unknown as { lookAheadFuncsCache: Map<number, Decision> }).lookAheadFuncsCache;
    const ours = cache(hvnestParser());
    const theirs = cache(recordingParser());
    expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
    expect(ours.size).toBeGreaterThan(20);
    const tokens = [...allTokens.filter((type) => type.PATTERN !== Lexer.NA), EOF].map((type) =>
      createTokenInstance(type, "x", 0, 0, 1, 1, 1, 1),
    );
    for (const [key, decide] of theirs) {
      for (const token of tokens) {
        const parser = { LA: () => token, LA_FAST: () => token };
        expect(ours.get(key)?.call(parser), `${key} at ${token.tokenType.name}`).toBe(
          decide.call(parser),
        );
      }
    }
  });

  it("takes its grammar from the data instead of recording it", () => {
    const rules = prebuiltRules(grammarData.rules, allTokens);
    const parser = new HvnestParser({
      rules,
      lookahead: prebuiltDecisions(grammarData.lookahead, allTokens),
      follows: prebuiltFollows(grammarData.follows, allTokens),
    });
    for (const [name, rule] of Object.entries(parser.getGAstProductions()))
      expect(rule, name).toBe(rules[name]);
  });

  it("parses mutated samples exactly as a parser that records its grammar", () => {
    const reference = recordingParser();
    const shipped = hvnestParser();
    const run = (parser: HvnestParser, tokens: IToken[]) => {
      parser.input = tokens;
      const cst = parser.file();
      const errors = parser.errors.map((error: IRecognitionException) => ({
        name: error.name,
        message: error.message,
        token: error.token,
        resyncedTokens: error.resyncedTokens,
        ruleStack: error.context.ruleStack,
      }));
      parser.input = [];
      return { cst, errors };
    };
    fc.assert(
      fc.property(mutatedSample, (text) => {
        const { tokens } = hvnestLexer().tokenize(text);
        expect(run(shipped, tokens)).toEqual(run(reference, tokens));
      }),
      { numRuns: 2000 },
    );
  });
});
