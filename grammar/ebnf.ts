import {
  Alternation,
  Alternative,
  type IProductionWithOccurrence,
  NonTerminal,
  Option,
  Repetition,
  RepetitionMandatory,
  RepetitionMandatoryWithSeparator,
  RepetitionWithSeparator,
  Terminal,
  type IProduction,
  type Rule,
  type TokenType,
} from "chevrotain";
import { recordingParser } from "./parser.js";
import { allTokens } from "./tokens.js";

/** How a token is written in the EBNF: a literal in quotes, or a lexical rule's name. */
function terminalName(token: TokenType): string {
  if (typeof token.PATTERN === "string") return JSON.stringify(token.PATTERN);
  return token.name.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase();
}

function sequence(productions: IProduction[]): string {
  return productions.map(production).join(" ");
}

function production(p: IProduction): string {
  if (p instanceof Terminal) return terminalName(p.terminalType);
  if (p instanceof NonTerminal) return p.nonTerminalName;
  if (p instanceof Option) return `[ ${sequence(p.definition)} ]`;
  if (p instanceof Repetition) return `{ ${sequence(p.definition)} }`;
  if (p instanceof RepetitionMandatory)
    return `${group(p.definition)} { ${sequence(p.definition)} }`;
  if (p instanceof RepetitionWithSeparator || p instanceof RepetitionMandatoryWithSeparator) {
    const separator = terminalName((p as RepetitionWithSeparator).separator);
    return `[ ${sequence(p.definition)} { ${separator} ${sequence(p.definition)} } ]`;
  }
  if (p instanceof Alternation) {
    // Every branch of an Alternation is an Alternative; production() renders it as a sequence.
    return `( ${p.definition.map(production).join(" | ")} )`;
  }
  if (p instanceof Alternative) return sequence(p.definition);
  throw new Error(
    `unknown grammar production ${(p as IProductionWithOccurrence).constructor.name}`,
  );
}

function group(productions: IProduction[]): string {
  return productions.length === 1 ? sequence(productions) : `( ${sequence(productions)} )`;
}

/** A token category lists its members; a patterned token shows its regular expression. */
function lexicalRule(token: TokenType): string | null {
  if (typeof token.PATTERN === "string" || token.GROUP === "SKIPPED") return null;
  const members = allTokens.filter((t) => t !== token && (t.CATEGORIES ?? []).includes(token));
  if (members.length > 0)
    return `${terminalName(token)} = ${members.map(terminalName).join(" | ")} ;`;
  if (token.PATTERN instanceof RegExp)
    return `${terminalName(token)} = /${token.PATTERN.source}/ ;`;
  return null;
}

/**
 * The grammar in EBNF (ISO 14977 style: `[ ]` optional, `{ }` repeated), generated from the
 * parser itself so that grammar/hvnest.ebnf cannot drift from it (a test compares them).
 */
export function grammarEbnf(): string {
  const rules = Object.values(recordingParser().getGAstProductions()).map(
    (rule: Rule) => `${rule.name} = ${sequence(rule.definition)} ;`,
  );
  const lexical = allTokens.map(lexicalRule).filter((line): line is string => line !== null);
  return [
    "(* The hvnest topology language. Generated from grammar/parser.ts by grammar/ebnf.ts:",
    "   do not edit; run `HVNEST_UPDATE_GOLDEN=1 npx vitest run test/syntax/ebnf.test.ts`. *)",
    "",
    "(* The language, strictly (language.md):",
    "     file      = host { host } ;",
    '     host      = "host" name { attribute } [ body ] ;',
    '     body      = "<" { vm | nat | vswitch } ">" ;',
    '     vm        = "vm" name { attribute } [ body ] ;',
    '     nat       = "nat" subnet "gw" address { attribute } ;',
    '     vswitch   = "vswitch" name ( "external" | "internal" | "private" ) { attribute } ;',
    '     attribute = key [ value { "," value } ] ;',
    "   Which keys and value kinds apply where is checked after parsing (HVN107, HVN108, HVN214).",
    "",
    "   The parser's grammar, below, is wider so that errors are reported well: `statement` is",
    "   accepted everywhere, a run of tokens that cannot start one is a `stray`, and the pieces",
    "   of a statement are optional. The AST builder then reports a host inside a body, a vm,",
    "   nat or vswitch at the top level, a body after a nat, a stray run, a `>` at the top",
    "   level, and each missing piece (HVN103, HVN105, HVN106). Whitespace and `#` comments",
    "   separate tokens. *)",
    "",
    ...rules,
    "",
    "(* Lexical rules. Keywords (the quoted words) are tried first, then these, in this order.",
    "   The lookaheads make each kind match a whole word only: `2019-lab` is a name, `512MB` a",
    "   size. A bad-word holds a character no token allows and is reported as HVN101. *)",
    ...lexical,
    "",
  ].join("\n");
}
