import {
  Alternation,
  getLookaheadPaths,
  type IProduction,
  type IProductionWithOccurrence,
  type LookaheadProductionType,
  NonTerminal,
  Option,
  Repetition,
  RepetitionMandatory,
  RepetitionMandatoryWithSeparator,
  RepetitionWithSeparator,
  type Rule,
  type TokenType,
} from "chevrotain";
import { MAX_LOOKAHEAD, recordingParser } from "./parser.js";
import {
  type GrammarData,
  type LookaheadData,
  lookaheadKey,
  type ProductionData,
  productionKinds,
} from "./prebuilt.js";

// Writes grammar/analysis.generated.ts: the grammar as chevrotain records it from
// grammar/parser.ts, the follow sets and lookahead it computes, so that start-up does none of
// it (see grammar/prebuilt.ts). Run only by test/syntax/prebuilt-grammar.test.ts, which fails
// when the committed file differs from a fresh analysis.

/** A production's own fields: everything but its children, tokens and resolved references. */
const STRUCTURE = new Set(["_definition", "terminalType", "separator", "referencedRule"]);

function productionData(node: IProduction): ProductionData {
  const kind = productionKinds.find(([, type]) => node.constructor === type)?.[0];
  if (kind === undefined) throw new Error(`unknown grammar production ${node.constructor.name}`);
  const fields: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(node)) {
    if (STRUCTURE.has(name) || value === undefined) continue;
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean")
      throw new Error(`grammar production ${kind}: field ${name} is not plain data`);
    fields[name] = value;
  }
  const data: ProductionData = { kind };
  if (Object.keys(fields).length > 0) data.fields = fields;
  const { terminalType, separator } = node as { terminalType?: TokenType; separator?: TokenType };
  if (terminalType !== undefined) data.token = terminalType.name;
  if (separator !== undefined) data.separator = separator.name;
  const inside = children(node);
  if (inside !== undefined) data.definition = inside.map(productionData);
  return data;
}

/** A production's children; a rule reference has none of its own. */
function children(node: IProduction): IProduction[] | undefined {
  if (node instanceof NonTerminal || !("definition" in node)) return undefined;
  return (node as { definition: IProduction[] }).definition;
}

/** The production kinds that take a lookahead decision, as chevrotain names them. */
const DECISIONS: ReadonlyArray<
  readonly [LookaheadProductionType, abstract new (...args: never[]) => unknown]
> = [
  ["Alternation", Alternation],
  ["Option", Option],
  ["Repetition", Repetition],
  ["RepetitionMandatory", RepetitionMandatory],
  ["RepetitionMandatoryWithSeparator", RepetitionMandatoryWithSeparator],
  ["RepetitionWithSeparator", RepetitionWithSeparator],
];

function lookaheadOf(rule: Rule, data: LookaheadData): void {
  const visit = (node: IProduction): void => {
    const kind = DECISIONS.find(([, type]) => node instanceof type)?.[0];
    if (node instanceof Alternation && (node as { hasPredicates?: boolean }).hasPredicates)
      throw new Error(`${rule.name}: an OR with gates needs chevrotain's own lookahead`);
    if (kind !== undefined) {
      const occurrence = (node as IProductionWithOccurrence).idx;
      const paths = getLookaheadPaths({
        occurrence,
        rule,
        prodType: kind,
        maxLookahead: (node as { maxLookahead?: number }).maxLookahead ?? MAX_LOOKAHEAD,
      });
      // An OR decides between its alternatives; the others only on their inside (the first
      // sequence), as chevrotain's LL(k) strategy does.
      const decided = kind === "Alternation" ? paths : paths.slice(0, 1);
      data[lookaheadKey(rule.name, kind, occurrence)] = decided.map((alternative) =>
        alternative.map((path) => {
          const [token] = path;
          if (path.length !== 1 || token === undefined)
            throw new Error(`${rule.name}: a lookahead path is not one token long`);
          return token.name;
        }),
      );
    }
    children(node)?.forEach(visit);
  };
  rule.definition.forEach(visit);
}

/** A fresh analysis of the grammar in grammar/parser.ts. */
export function analyzeGrammar(): GrammarData {
  const parser = recordingParser();
  const rules = Object.values(parser.getGAstProductions());
  const lookahead: LookaheadData = {};
  for (const rule of rules) lookaheadOf(rule, lookahead);
  // Not public API (chevrotain 11.2, parse/parser/traits/recoverable.js); the test of the
  // generated file fails if it moves.
  const { resyncFollows } = parser as unknown as { resyncFollows: Record<string, TokenType[]> };
  const follows: Record<string, string[]> = {};
  for (const [key, tokens] of Object.entries(resyncFollows))
    follows[key] = tokens.map((token) => token.name);
  return { rules: rules.map(productionData), lookahead, follows };
}

/** The source of grammar/analysis.generated.ts, before formatting. */
export function analysisSource(): string {
  return [
    "// Generated by grammar/analysis.ts from grammar/parser.ts: do not edit. Regenerate with",
    "// `HVNEST_UPDATE_GOLDEN=1 npx vitest run test/syntax/prebuilt-grammar.test.ts`.",
    'import type { GrammarData } from "./prebuilt.js";',
    "",
    `export const grammarData: GrammarData = ${JSON.stringify(analyzeGrammar())};`,
    "",
  ].join("\n");
}
