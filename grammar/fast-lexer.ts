import type { IToken, TokenType } from "chevrotain";
import {
  Address,
  allTokens,
  Comma,
  Gt,
  HostPart,
  Integer,
  Lt,
  Name,
  QuotedString,
  Size,
  VersionLiteral,
} from "./tokens.js";

// The tokens of grammar/tokens.ts for the text nearly every file is made of, lexed by hand
// (perf, issue 6: chevrotain's generic lexer took ~100 ms of the parse of 10,000 VMs). It
// takes ASCII names, numbers, sizes, addresses, keywords, closed quoted strings, comments,
// `<`, `>`, `,` and ASCII white space, and gives up (null) at anything else: a character no
// token allows, an open string, a word that is not wholly one token, other white space. Then
// chevrotain lexes the same text, errors included. Within what it takes, each choice below is
// the one chevrotain makes (first pattern in order, keywords with Name as their longer
// alternative); test/syntax/fast-lexer.test.ts compares the two token by token.

/**
 * The keywords chevrotain lexes a whole word as, by first character. An earlier keyword that
 * is a prefix of a later one matches first, and then Name, its longer alternative, takes the
 * word: such a later keyword is never lexed, and is left out.
 */
const keywordsByFirst: (readonly TokenType[])[] = [];
{
  const literal = allTokens.filter((type) => type.LONGER_ALT !== undefined);
  for (const [index, type] of literal.entries()) {
    const word = type.PATTERN as string;
    const shadowed = literal
      .slice(0, index)
      .some((earlier) => word.startsWith(earlier.PATTERN as string));
    if (shadowed) continue;
    const first = word.charCodeAt(0);
    keywordsByFirst[first] = [...(keywordsByFirst[first] ?? []), type];
  }
}

/** Character classes, by code below 128: what each character can be in a token. */
const NAME_CHAR = 1; // [A-Za-z0-9_.\-]
const ALNUM = 2; // [A-Za-z0-9]
const DIGIT = 4;
const SPACE = 8; // the ASCII white space a topology holds
const ENDS_WORD = 16; // white space, < > , ' #: a word before it is one token
const classes = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const ch = String.fromCharCode(code);
  let bits = 0;
  if (/[A-Za-z0-9_.\-]/.test(ch)) bits |= NAME_CHAR;
  if (/[A-Za-z0-9]/.test(ch)) bits |= ALNUM;
  if (/\d/.test(ch)) bits |= DIGIT;
  if (/[ \t\r\n]/.test(ch)) bits |= SPACE | ENDS_WORD;
  if (/[<>,'#]/.test(ch)) bits |= ENDS_WORD;
  classes[code] = bits;
}

/** The class bits of the character at `at`; ENDS_WORD at the end, 0 for non-ASCII. */
function classAt(text: string, at: number): number {
  if (at >= text.length) return ENDS_WORD;
  const code = text.charCodeAt(at);
  return code < 128 ? (classes[code] as number) : 0;
}

/** The end of a run of digits from `at`. */
function digitsEnd(text: string, at: number, end: number): number {
  while (at < end && (classAt(text, at) & DIGIT) !== 0) at++;
  return at;
}

/**
 * Whether text[at, end) is `\d+(\.\d+){dots}`: an address has 3 dots, a version 1, an
 * integer 0; a host part is `.\d+` (`at` after its dot, dots 0).
 */
function isDotted(text: string, at: number, end: number, dots: number): boolean {
  for (let i = 0; ; i++) {
    const stop = digitsEnd(text, at, end);
    if (stop === at) return false;
    if (i === dots) return stop === end;
    if (text.charCodeAt(stop) !== 46) return false;
    at = stop + 1;
  }
}

/** Whether text[at, end) is `\d+(MB|GB|TB)`, any case. */
function isSize(text: string, at: number, end: number): boolean {
  if (end - at < 3 || digitsEnd(text, at, end) !== end - 2) return false;
  const unit = text.charCodeAt(end - 2) | 32;
  return (text.charCodeAt(end - 1) | 32) === 98 && (unit === 109 || unit === 103 || unit === 116);
}

/**
 * The type of the word text[at, end) of name characters, followed by no other name
 * character, when chevrotain lexes it as one token; null when chevrotain reports an error.
 */
function wordType(text: string, at: number, end: number): TokenType | null {
  const first = text.charCodeAt(at);
  const bits = classes[first] as number;
  if ((bits & DIGIT) !== 0) {
    if (isDotted(text, at, end, 3)) return Address;
    if (isSize(text, at, end)) return Size;
    if (isDotted(text, at, end, 1)) return VersionLiteral;
    if (isDotted(text, at, end, 0)) return Integer;
    return Name;
  }
  if ((bits & ALNUM) !== 0) {
    const candidates = keywordsByFirst[first];
    if (candidates !== undefined) {
      for (const type of candidates) {
        const word = type.PATTERN as string;
        if (word.length === end - at && text.startsWith(word, at)) return type;
      }
    }
    return Name;
  }
  // `.5` is a host part; any other word starting with `.`, `_` or `-` is a lexing error.
  return first === 46 && isDotted(text, at + 1, end, 0) ? HostPart : null;
}

/** A token as chevrotain's lexer makes it with full position tracking: the same fields in order. */
function token(
  text: string,
  type: TokenType,
  offset: number,
  size: number,
  line: number,
  column: number,
): IToken {
  // A keyword, `<`, `>` or `,` is its pattern: the same text without a fresh string for each
  // of the ~40,000 in 10,000 VMs (perf, issue 6).
  const pattern = type.PATTERN;
  return {
    image: typeof pattern === "string" ? pattern : text.substring(offset, offset + size),
    startOffset: offset,
    endOffset: offset + size - 1,
    startLine: line,
    endLine: line,
    startColumn: column,
    endColumn: column + size - 1,
    tokenTypeIdx: type.tokenTypeIdx as number,
    tokenType: type,
  };
}

/** What lexFast found: the tokens, and the line number at the end of the lexed text. */
export interface FastLexing {
  tokens: IToken[];
  line: number;
}

/**
 * The tokens of text[start, stop) (white space and comments skipped), with chevrotain's
 * offsets, lines and columns in the whole text, or null where only chevrotain's lexer knows
 * the answer. `start` begins line `line` (0 and 1 for the whole text); `stop` must end a
 * line or the text, so that no token runs past it.
 */
export function lexFast(
  text: string,
  start = 0,
  stop: number = text.length,
  line = 1,
): FastLexing | null {
  const tokens: IToken[] = [];
  const length = stop;
  let offset = start;
  let column = 1;
  while (offset < length) {
    const code = text.charCodeAt(offset);
    if (code >= 128) return null;
    const bits = classes[code] as number;
    if ((bits & SPACE) !== 0) {
      // Chevrotain counts "\r\n", "\r" and "\n" as one line break each.
      let at = offset;
      let lineStart = -1;
      for (; at < length; at++) {
        const c = text.charCodeAt(at);
        if (c === 10) {
          line++;
          lineStart = at + 1;
        } else if (c === 13) {
          if (text.charCodeAt(at + 1) !== 10) {
            line++;
            lineStart = at + 1;
          }
        } else if (c >= 128 || ((classes[c] as number) & SPACE) === 0) break;
      }
      // Other white space (\v, \f, Unicode) would be part of the same WhiteSpace token: the
      // next round gives up at it, as at any character it does not take.
      column = lineStart < 0 ? column + (at - offset) : at - lineStart + 1;
      offset = at;
    } else if (code === 35 /* # */) {
      let at = offset + 1;
      while (at < length) {
        const c = text.charCodeAt(at);
        if (c === 10 || c === 13) break;
        at++;
      }
      column += at - offset;
      offset = at;
    } else if (code === 60 /* < */ || code === 62 /* > */ || code === 44 /* , */) {
      tokens.push(
        token(text, code === 60 ? Lt : code === 62 ? Gt : Comma, offset, 1, line, column),
      );
      offset++;
      column++;
    } else if (code === 39 /* ' */) {
      // /'(?:[^'\r\n]|'')*'/: its first match is this scan; a quote left open is not taken.
      let at = offset + 1;
      for (;;) {
        if (at >= length) return null;
        const c = text.charCodeAt(at);
        if (c === 39) {
          if (text.charCodeAt(at + 1) === 39) at += 2;
          else break;
        } else if (c === 10 || c === 13) return null;
        else at++;
      }
      const size = at + 1 - offset;
      tokens.push(token(text, QuotedString, offset, size, line, column));
      offset += size;
      column += size;
    } else if ((bits & NAME_CHAR) !== 0) {
      let end = offset + 1;
      for (; end < length; end++) {
        const c = text.charCodeAt(end);
        if (c >= 128 || ((classes[c] as number) & NAME_CHAR) === 0) break;
      }
      const after = classAt(text, end);
      if ((after & ENDS_WORD) !== 0) {
        const type = wordType(text, offset, end);
        if (type === null) return null;
        tokens.push(token(text, type, offset, end - offset, line, column));
        column += end - offset;
        offset = end;
      } else if (text.charCodeAt(end) === 47 /* / */) {
        // A prefix length: only `ADDRESS/DIGITS` and `.HOST/DIGITS` followed by the end of
        // the word are taken.
        let digits = end + 1;
        while ((classAt(text, digits) & DIGIT) !== 0) digits++;
        if (digits === end + 1 || (classAt(text, digits) & ENDS_WORD) === 0) return null;
        const type = isDotted(text, offset, end, 3)
          ? Address
          : code === 46 && isDotted(text, offset + 1, end, 0)
            ? HostPart
            : null;
        if (type === null) return null;
        tokens.push(token(text, type, offset, digits - offset, line, column));
        column += digits - offset;
        offset = digits;
      } else return null;
    } else return null;
  }
  return { tokens, line };
}
