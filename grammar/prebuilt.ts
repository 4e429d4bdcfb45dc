import {
  Alternation,
  Alternative,
  type IOrAlt,
  type IProduction,
  LLkLookaheadStrategy,
  NonTerminal,
  Option,
  type OptionalProductionType,
  Repetition,
  RepetitionMandatory,
  RepetitionMandatoryWithSeparator,
  RepetitionWithSeparator,
  Rule,
  Terminal,
  type TokenType,
} from "chevrotain";

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

type Choose = (orAlts?: IOrAlt<unknown>[]) => number | undefined;
/** `this` of a lookahead function: the parser, whose LA(1) is the next token. */
type Parser = { LA(howMuch: number): { tokenTypeIdx: number } };

/**
 * Chevrotain's LL(k) strategy with the lookahead paths read from build-time data instead of
 * computed from the grammar. The functions built are those chevrotain builds for one-token
 * paths (lookahead.js, buildAlternativesLookAheadFunc and
 * buildSingleAlternativeLookaheadFunction): a table from the next token's type, through its
 * categories, to the choice. Validation (tests only) is chevrotain's own.
 */
export class PrebuiltLookahead extends LLkLookaheadStrategy {
  readonly #paths: LookaheadData;
  readonly #token: (name: string) => TokenType;

  constructor(paths: LookaheadData, tokens: readonly TokenType[], maxLookahead: number) {
    super({ maxLookahead });
    this.#paths = paths;
    this.#token = tokenLookup(tokens);
  }

  override buildLookaheadForAlternation(options: {
    prodOccurrence: number;
    rule: Rule;
    maxLookahead: number;
    hasPredicates: boolean;
    dynamicTokensEnabled: boolean;
  }): Choose {
    this.#supported(options);
    const alternatives = this.#lookup(options.rule.name, "Alternation", options.prodOccurrence);
    // The first alternative a token type (or a type in its categories) starts wins.
    const choice: number[] = [];
    alternatives.forEach((tokens, alternative) => {
      for (const token of tokens) {
        choice[token.tokenTypeIdx as number] ??= alternative;
        for (const member of token.categoryMatches as number[]) choice[member] ??= alternative;
      }
    });
    return function (this: Parser) {
      return choice[this.LA(1).tokenTypeIdx];
    };
  }

  override buildLookaheadForOptional(options: {
    prodOccurrence: number;
    prodType: OptionalProductionType;
    rule: Rule;
    maxLookahead: number;
    dynamicTokensEnabled: boolean;
  }): () => boolean {
    this.#supported(options);
    const [inside = []] = this.#lookup(options.rule.name, options.prodType, options.prodOccurrence);
    const enters: boolean[] = [];
    for (const token of inside) {
      enters[token.tokenTypeIdx as number] = true;
      for (const member of token.categoryMatches as number[]) enters[member] = true;
    }
    return function (this: Parser) {
      return enters[this.LA(1).tokenTypeIdx] === true;
    };
  }

  #supported(options: { dynamicTokensEnabled: boolean }): void {
    // Gates (predicates) and dynamic tokens need chevrotain's general functions; the grammar
    // uses neither. Longer paths cannot occur: grammar/analysis.ts refuses them.
    if ("hasPredicates" in options && options.hasPredicates === true)
      throw new Error("prebuilt lookahead: the grammar has gates");
    if (options.dynamicTokensEnabled) throw new Error("prebuilt lookahead: dynamic tokens");
  }

  /** The first token of each path of each alternative, as token types. */
  #lookup(rule: string, kind: string, occurrence: number): TokenType[][] {
    const key = lookaheadKey(rule, kind, occurrence);
    const alternatives = this.#paths[key];
    if (alternatives === undefined)
      throw new Error(`grammar/analysis.generated.ts has no lookahead for ${key}: regenerate it`);
    return alternatives.map((tokens) => tokens.map(this.#token));
  }
}
