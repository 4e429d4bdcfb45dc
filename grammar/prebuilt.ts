import {
  Alternation,
  Alternative,
  type IProduction,
  NonTerminal,
  Option,
  Repetition,
  RepetitionMandatory,
  RepetitionMandatoryWithSeparator,
  RepetitionWithSeparator,
  Rule,
  Terminal,
  type TokenType,
} from "chevrotain";
import { categoryMembers } from "./categories.js";

// The parser's grammar analysis, done ahead of time instead of at every start-up (perf,
// issue 6): chevrotain records the grammar by running every rule in a recording mode,
// resolves rule references, computes the follow sets of error recovery, and LL lookahead
// paths for each OR, OPTION and MANY. grammar/analysis.ts writes the results into
// grammar/analysis.generated.ts; this module turns that data back into what chevrotain would
// have built. test/syntax/prebuilt-grammar.test.ts proves the two are the same.

/** A grammar production as data: its kind, its fields, tokens by name. */
export interface ProductionData {
  kind: string;
  /** Scalar fields of the production (idx, label, name, ignoreAmbiguities, ...). */
  fields?: Record<string, string | number | boolean>;
  /** Terminal: the token's name. */
  token?: string;
  /** Repetition with separator: the separator's name. */
  separator?: string;
  definition?: ProductionData[];
}

/**
 * LL(1) lookahead of one OR, OPTION, MANY or AT_LEAST_ONE: for an OR, the tokens that choose
 * each alternative; for the others, the tokens that enter it. Keyed `rule:kind:occurrence`.
 */
export type LookaheadData = Record<string, string[][]>;

export interface GrammarData {
  rules: ProductionData[];
  lookahead: LookaheadData;
  /** Error recovery's follow sets (chevrotain's resyncFollows): token names by key. */
  follows: Record<string, string[]>;
}

type ProductionClass = abstract new (options: never) => IProduction;

/** Every GAST class by the kind name the data uses (class names do not survive minifying). */
export const productionKinds: ReadonlyArray<readonly [string, ProductionClass]> = [
  ["Rule", Rule],
  ["NonTerminal", NonTerminal],
  ["Alternative", Alternative],
  ["Option", Option],
  ["RepetitionMandatory", RepetitionMandatory],
  ["RepetitionMandatoryWithSeparator", RepetitionMandatoryWithSeparator],
  ["Repetition", Repetition],
  ["RepetitionWithSeparator", RepetitionWithSeparator],
  ["Alternation", Alternation],
  ["Terminal", Terminal],
];

/** Token types by name, failing on a name the grammar does not have. */
function tokenLookup(tokens: readonly TokenType[]): (name: string) => TokenType {
  const byName = new Map(tokens.map((token) => [token.name, token]));
  return (name) => {
    const found = byName.get(name);
    if (found === undefined) throw new Error(`prebuilt grammar: unknown token ${name}`);
    return found;
  };
}

/**
 * The rules as chevrotain records and resolves them. Each node is made with its class's
 * prototype and the recorded fields, which is what its constructor would make, without the
 * constructor's generic option handling (perf: it is most of the cost here).
 */
export function prebuiltRules(
  data: readonly ProductionData[],
  tokens: readonly TokenType[],
): Record<string, Rule> {
  const token = tokenLookup(tokens);
  const references: NonTerminal[] = [];
  const build = (node: ProductionData): IProduction => {
    const kind = productionKinds.find(([name]) => name === node.kind)?.[1];
    if (kind === undefined) throw new Error(`prebuilt grammar: unknown production ${node.kind}`);
    const production = Object.create(kind.prototype) as Record<string, unknown>;
    // A rule reference's definition is its rule's; its own is always empty.
    if (kind === NonTerminal) production["_definition"] = [];
    else if (kind !== Terminal) production["_definition"] = (node.definition ?? []).map(build);
    Object.assign(production, node.fields);
    if (node.token !== undefined) production["terminalType"] = token(node.token);
    if (node.separator !== undefined) production["separator"] = token(node.separator);
    if (kind === NonTerminal) references.push(production as unknown as NonTerminal);
    return production as unknown as IProduction;
  };
  const rules: Record<string, Rule> = {};
  for (const node of data) {
    const rule = build(node) as Rule;
    rules[rule.name] = rule;
  }
  for (const reference of references) {
    const rule = rules[reference.nonTerminalName];
    if (rule === undefined)
      throw new Error(`prebuilt grammar: no rule ${reference.nonTerminalName}`);
    reference.referencedRule = rule;
  }
  return rules;
}

/** Error recovery's follow sets as token types. */
export function prebuiltFollows(
  data: Readonly<Record<string, readonly string[]>>,
  tokens: readonly TokenType[],
): Record<string, TokenType[]> {
  const token = tokenLookup(tokens);
  const follows: Record<string, TokenType[]> = {};
  for (const [key, names] of Object.entries(data)) follows[key] = names.map(token);
  return follows;
}

/** The key of one lookahead decision in `LookaheadData`. */
export function lookaheadKey(rule: string, kind: string, occurrence: number): string {
  return `${rule}:${kind}:${occurrence}`;
}

/**
 * Chevrotain's index of each decision's DSL method (11.2, parse/grammar/keys.js): a lookahead
 * function is cached under `rule index | method | occurrence`.
 */
const METHOD: Readonly<Record<string, number>> = {
  Alternation: 1 << 8,
  Option: 2 << 8,
  Repetition: 3 << 8,
  RepetitionMandatory: 4 << 8,
  RepetitionWithSeparator: 5 << 8,
  RepetitionMandatoryWithSeparator: 6 << 8,
};

/** `this` of a lookahead function: the parser, whose LA(1) is the next token. */
type Parser = { LA(howMuch: number): { tokenTypeIdx: number } };

/** An OR's lookahead answers the alternative to take; the others whether to enter. */
export type Decision = (this: Parser) => number | boolean | undefined;

export interface PrebuiltDecision {
  rule: string;
  /** The cache key without the rule's index: method | occurrence. */
  key: number;
  decide: Decision;
}

/**
 * The lookahead functions chevrotain builds for one-token paths (parse/grammar/lookahead.js,
 * buildAlternativesLookAheadFunc and buildSingleAlternativeLookaheadFunction, without gates
 * or dynamic tokens, which the grammar does not use): a table from the next token's type,
 * through its categories, to the choice.
 */
export function prebuiltDecisions(
  data: LookaheadData,
  tokens: readonly TokenType[],
): PrebuiltDecision[] {
  const token = tokenLookup(tokens);
  const members = new Map(tokens.map((type) => [type, categoryMembers(type, tokens)]));
  return Object.entries(data).map(([name, alternatives]) => {
    const [rule = "", kind = "", occurrence = ""] = name.split(":");
    const method = METHOD[kind];
    if (method === undefined) throw new Error(`prebuilt lookahead: unknown decision ${name}`);
    // For a token type, the first alternative it (or a category it is in) starts.
    const choice: number[] = [];
    alternatives.forEach((names, alternative) => {
      for (const type of names.map(token)) {
        choice[type.tokenTypeIdx as number] ??= alternative;
        for (const member of members.get(type) ?? []) choice[member] ??= alternative;
      }
    });
    const decide: Decision =
      kind === "Alternation"
        ? function () {
            return choice[this.LA(1).tokenTypeIdx];
          }
        : function () {
            return choice[this.LA(1).tokenTypeIdx] === 0;
          };
    return { rule, key: method | Number(occurrence), decide };
  });
}
