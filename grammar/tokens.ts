import { createToken, Lexer, type TokenType } from "chevrotain";

// Categories let each grammar slot consume "any token of this kind" in one CONSUME, so that a
// mismatch is one error with our own message rather than a no-viable-alternative list.

/** Tokens that can be an attribute key: every known key, and any plain name (HVN214 judges it). */
export const AttrKey = createToken({ name: "AttrKey", pattern: Lexer.NA });
/** Tokens that can be an attribute value; the AST builder checks the kind per key. */
export const Value = createToken({ name: "Value", pattern: Lexer.NA });
/** Tokens that can be a name: a plain or quoted name, or a word that looks like a number. */
export const NameLike = createToken({ name: "NameLike", pattern: Lexer.NA });
/** Tokens that cannot start a statement: a run of them in a body is reported once. */
export const Stray = createToken({ name: "StrayToken", pattern: Lexer.NA });
export const SwitchType = createToken({ name: "SwitchType", pattern: Lexer.NA });

// Only WhiteSpace can hold a line break; every other token says so (`line_breaks: false`), so
// that the lexer need not analyse each pattern for line breaks at start-up (perf, issue 6).
// test/syntax/positions.test.ts checks each token's line and column against its offset.

// A word made of name characters is lexed as a number, size or address only when the whole
// word is one; otherwise (`2019-lab`, `1.2.3`) the Name token takes it.
const wordEnd = "(?![A-Za-z0-9_.\\-])";

export const WhiteSpace = createToken({
  name: "WhiteSpace",
  // Any Unicode space, the byte-order mark included: the same \s that ends a BadWord.
  pattern: /\s+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});
export const Comment = createToken({
  name: "Comment",
  pattern: /#[^\r\n]*/,
  group: Lexer.SKIPPED,
  line_breaks: false,
});

export const Lt = createToken({ name: "Lt", pattern: "<", label: "`<`", line_breaks: false });
export const Gt = createToken({ name: "Gt", pattern: ">", label: "`>`", line_breaks: false });
export const Comma = createToken({
  name: "Comma",
  pattern: ",",
  label: "`,`",
  categories: [Stray],
  line_breaks: false,
});

export const QuotedString = createToken({
  name: "QuotedString",
  pattern: /'(?:[^'\r\n]|'')*'/,
  categories: [Value, NameLike, Stray],
  line_breaks: false,
});
/** A quote left open to the end of the line: lexed as a token so the error can name it. */
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: /'(?:[^'\r\n]|'')*/,
  categories: [Value, NameLike, Stray],
  line_breaks: false,
});

/**
 * A word holding a character no token allows (`Lab@1`, `Café`): one token, so that the
 * error is one diagnostic for the word, and parsing goes on as if it were a name.
 */
export const BadWord = createToken({
  name: "BadWord",
  pattern: /[A-Za-z0-9_.\-]*[^\sA-Za-z0-9_.\-<>,'#][^\s<>,'#]*/,
  start_chars_hint: badWordStartChars(),
  categories: [AttrKey, Value, NameLike, Stray],
  line_breaks: false,
});

/**
 * Every character a BadWord can start with. Chevrotain cannot work this out from a negated
 * class, and without it the lexer tries every pattern at every position. Characters above
 * 255 share a lookup bucket per 255 code points in chevrotain, so one per bucket covers them.
 */
function badWordStartChars(): number[] {
  const chars: number[] = [];
  for (let code = 0; code < 256; code++) {
    if (!/[\s<>,'#]/.test(String.fromCharCode(code))) chars.push(code);
  }
  for (let code = 256; code < 65536; code += 255) chars.push(code);
  chars.push(65535);
  return chars;
}

export const Address = createToken({
  name: "Address",
  pattern: new RegExp(`\\d+\\.\\d+\\.\\d+\\.\\d+(?:\\/\\d+)?${wordEnd}`),
  categories: [Value, NameLike, Stray],
  line_breaks: false,
});
export const HostPart = createToken({
  name: "HostPart",
  pattern: new RegExp(`\\.\\d+(?:\\/\\d+)?${wordEnd}`),
  categories: [Value, Stray],
  line_breaks: false,
});
export const Size = createToken({
  name: "Size",
  pattern: new RegExp(`\\d+(?:[mM][bB]|[gG][bB]|[tT][bB])${wordEnd}`),
  categories: [Value, NameLike, Stray],
  line_breaks: false,
});
export const VersionLiteral = createToken({
  name: "VersionLiteral",
  pattern: new RegExp(`\\d+\\.\\d+${wordEnd}`),
  categories: [Value, NameLike, Stray],
  line_breaks: false,
});
export const Integer = createToken({
  name: "Integer",
  pattern: new RegExp(`\\d+${wordEnd}`),
  categories: [Value, NameLike, Stray],
  line_breaks: false,
});
export const Name = createToken({
  name: "Name",
  pattern: /[A-Za-z0-9][A-Za-z0-9_.\-]*/,
  categories: [AttrKey, Value, NameLike, Stray],
  line_breaks: false,
});

function keyword(word: string, categories: TokenType[]): TokenType {
  return createToken({
    name: `Kw_${word}`,
    pattern: word,
    label: `\`${word}\``,
    longer_alt: Name,
    categories,
    line_breaks: false,
  });
}

export const Host = keyword("host", []);
export const Vm = keyword("vm", []);
export const Nat = keyword("nat", []);
export const VSwitch = keyword("vswitch", []);
export const Gw = keyword("gw", [AttrKey, Stray]);
export const External = keyword("external", [SwitchType, Stray]);
export const Internal = keyword("internal", [SwitchType, Stray]);
export const Private = keyword("private", [SwitchType, Stray]);

/** Every attribute key of the language's table (`gw` is declared above: it also ends a nat's head). */
export const attributeKeys = [
  "cpu",
  "os",
  "edition",
  "platform",
  "path",
  "memory",
  "cpus",
  "nested",
  "gen",
  "version",
  "dynamic-memory",
  "mac-spoofing",
  "switch",
  "ip",
  "dns",
  "vhd",
  "iso",
  "disk",
  "netnat",
  "adapter",
  "stop-action",
  "checkpoints",
] as const;

// `cpus` before `cpu`: a keyword is a fixed string, and the first match wins.
const keyTokens = [...attributeKeys]
  .sort((a, b) => b.length - a.length)
  .map((key) => keyword(key, [AttrKey, Stray]));

export const statementKeywords = [Host, Vm, Nat, VSwitch];

/**
 * Lexing order: keywords before Name, whole-word number kinds before Name, addresses before
 * BadWord (their `/` is not a name character), BadWord before the other words.
 */
export const allTokens: TokenType[] = [
  WhiteSpace,
  Comment,
  Lt,
  Gt,
  Comma,
  QuotedString,
  UnterminatedString,
  ...statementKeywords,
  Gw,
  External,
  Internal,
  Private,
  ...keyTokens,
  Address,
  HostPart,
  BadWord,
  Size,
  VersionLiteral,
  Integer,
  Name,
  AttrKey,
  Value,
  NameLike,
  Stray,
  SwitchType,
];
