import {
  EOF,
  type CstNode,
  type ILexingError,
  type IRecognitionException,
  type IToken,
} from "chevrotain";
import { hvnestLexer } from "../../grammar/lexer.js";
import { parseCst } from "../../grammar/cst-parser.js";
import { lexFast } from "../../grammar/fast-lexer.js";
import { hvnestParser } from "../../grammar/parser.js";
import { Gt, Host, Lt } from "../../grammar/tokens.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { makeSpan, type Span } from "../diagnostics/span.js";
import type { FileNode, HostNode } from "./ast.js";
import { buildAst, describeToken } from "./build-ast.js";
import { buildAstDirect } from "./direct-ast.js";
import { endOfText, isRealToken, joinSpans, spanAfter, tokenSpan } from "./spans.js";

/** Deeper bodies are refused before parsing, so that recursion depth stays bounded. */
export const MAX_DEPTH = 64;

export interface ParseResult {
  file: FileNode;
  diagnostics: Diagnostic[];
}

const HINTS: Record<string, string> = {
  HVN104: "every `<` needs a matching `>`",
};

/**
 * Parses a topology. Pure, and never throws: every problem, including a bug in hvnest,
 * comes back as a diagnostic.
 */
export function parse(text: string): ParseResult {
  try {
    return parseUnguarded(text);
  } catch (error) {
    return {
      file: emptyFile(),
      diagnostics: [
        {
          code: "HVN901",
          severity: "error",
          message: `internal error while parsing: ${error instanceof Error ? error.message : String(error)}; this is a bug in hvnest; please report it with the input file and this message`,
        },
      ],
    };
  }
}

function emptyFile(): FileNode {
  return {
    kind: "file",
    hosts: [],
    span: makeSpan(0, 1, 1, 0, 1, 1),
  };
}

/** Text is lexed in pieces of about this many characters, each ending after a line break. */
export const LEX_PIECE = 1 << 16;

/**
 * Lexes and parses in one pass over the text, one top-level statement run at a time (perf,
 * issue 6): the whole file's tokens (~80 MB for 50,000 VMs) and CST are never alive at once,
 * only the AST grows. The result is the whole file's lexing and parse; see `lexPieces` and
 * the run split below.
 */
function parseUnguarded(text: string): ParseResult {
  const lexErrors: Diagnostic[] = [];
  const lexical: Diagnostic[] = [];
  const syntax: Diagnostic[] = [];
  const built: Diagnostic[] = [];
  const seen = new Set<number>();
  const hosts: HostNode[] = [];
  let fileSpan: Span | null = null;
  let first: IToken | undefined;
  let last: IToken | undefined;
  let tooDeep: IToken | undefined;
  let depth = 0;
  let run: IToken[] = [];
  let end: Span | null = null;
  let recoveryErrors: IRecognitionException[] = [];

  // Chevrotain's parser, for the runs that do not parse without an error (the hand-written
  // parseCst gives up on those): it is built only then, so a valid file never builds it.
  const parseWithRecovery = (tokens: IToken[]): CstNode => {
    const parser = hvnestParser();
    parser.input = tokens;
    const cst = parser.file();
    recoveryErrors = parser.errors;
    // The parser keeps its input until the next parse: release it now, or the last run's
    // tokens stay alive through rules and emission.
    parser.input = [];
    return cst;
  };

  // Parses one run; `next` is the token after it, or undefined at the end of the file.
  const parseRun = (tokens: IToken[], next: IToken | undefined): void => {
    // Most runs have nothing to report: their AST is made straight from the tokens.
    const direct = buildAstDirect(tokens);
    if (direct !== null) {
      for (const host of direct.hosts) hosts.push(host);
      fileSpan = fileSpan === null ? direct.span : joinSpans(fileSpan, direct.span);
      return;
    }
    const cst = parseCst(tokens) ?? parseWithRecovery(tokens);
    for (const error of recoveryErrors) {
      // Only the last run can fail to parse: an unclosed body ends at the end of the file.
      const diagnostic = parseErrorDiagnostic(error, end as Span);
      // Recovery can report several errors at one token (an unclosed body inside an unclosed
      // body); the first, innermost one says what to do.
      const at = diagnostic.span?.offset ?? -1;
      if (seen.has(at)) continue;
      seen.add(at);
      syntax.push(diagnostic);
    }
    recoveryErrors = [];
    const part = buildAst(
      cst,
      (diagnostic) => void built.push(diagnostic),
      (token) => tokenAfter(tokens, next, first, token, end),
    );
    hosts.push(...part.hosts);
    fileSpan = fileSpan === null ? part.span : joinSpans(fileSpan, part.span);
  };

  for (const piece of lexPieces(text)) {
    for (const error of piece.errors) lexErrors.push(lexerErrorDiagnostic(error));
    for (const token of piece.tokens) {
      // lexFast makes no bad word or open string.
      if (!piece.fast) {
        const problem = lexicalProblem(token);
        if (problem) lexical.push(problem);
      }
      first ??= token;
      last = token;
      // A run ends before each `host` at depth 0. Parsing the runs one after another gives
      // the whole file's CST piece by piece: `host` has no token category, so it can only
      // start a statement, and at depth 0 the file rule is between statements there. Depth
      // counts `<` and `>` as the parser does: every token but `>` can start or continue a
      // statement, so a `>` in a body closes it, and one at depth 0 is an unmatched close.
      // The one parse error, an unclosed body, keeps the depth above 0 to the end: error
      // recovery only ever runs in the last run. Nothing is parsed once a body is too deep,
      // since the file is then refused unparsed.
      const type = token.tokenType;
      if (type === Lt) {
        if (++depth > MAX_DEPTH) tooDeep ??= token;
      } else if (type === Gt) depth = Math.max(0, depth - 1);
      else if (type === Host && depth === 0 && run.length > 0 && tooDeep === undefined) {
        parseRun(run, token);
        run = [];
      }
      run.push(token);
    }
  }
  const lexicalAll = lexErrors.concat(lexical);
  if (tooDeep !== undefined) {
    const deep: Diagnostic = {
      code: "HVN110",
      severity: "error",
      message: `bodies are nested more than ${MAX_DEPTH} levels deep`,
      span: tokenSpan(tooDeep),
      hint: "check for runaway `<`; real topologies are a handful of layers deep",
    };
    return { file: emptyFile(), diagnostics: sortDiagnostics(lexicalAll.concat(deep)) };
  }
  end = last ? spanAfter(tokenSpan(last)) : endOfText(text);
  parseRun(run, undefined);
  run = [];
  const file: FileNode = { kind: "file", hosts, span: fileSpan as unknown as Span };
  // The whole file's parse reported every parser error before any builder finding.
  const later = syntax.concat(built);
  // A bad word or an open string is reported once: the parser and builder see it as a name
  // or value that does not fit, which would say the same thing again.
  const lexicalSpans = lexicalAll
    .flatMap((d) => (d.span ? [d.span] : []))
    .sort((a, b) => a.offset - b.offset);
  const diagnostics = lexicalAll.concat(
    later.filter((d) => d.span === undefined || !covered(d.span.offset, lexicalSpans)),
  );
  if (file.hosts.length === 0 && diagnostics.length === 0) {
    diagnostics.push({
      code: "HVN111",
      severity: "error",
      message: "the file declares no host",
      hint: "a topology holds one or more `host NAME < ... >` blocks",
    });
  }
  return { file, diagnostics: sortDiagnostics(diagnostics) };
}

function lexerErrorDiagnostic(error: ILexingError): Diagnostic {
  const line = error.line ?? 1;
  const column = error.column ?? 1;
  return {
    code: "HVN101",
    severity: "error",
    message: error.message,
    span: makeSpan(
      error.offset,
      line,
      column,
      error.offset + error.length,
      line,
      column + error.length,
    ),
    hint: "names use letters, digits, `_`, `.` and `-`; put any other text in single quotes",
  };
}

/** Whether `offset` falls inside one of `spans`, which are sorted and do not overlap. */
function covered(offset: number, spans: Span[]): boolean {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((spans[mid] as Span).endOffset <= offset) low = mid + 1;
    else high = mid;
  }
  const span = spans[low];
  return span !== undefined && span.offset <= offset;
}

function lexicalProblem(token: IToken): Diagnostic | null {
  switch (token.tokenType.name) {
    case "BadWord": {
      const bad = /[^A-Za-z0-9_.\-]/u.exec(token.image)?.[0] ?? token.image;
      return {
        code: "HVN101",
        severity: "error",
        message: `unexpected character ${JSON.stringify(bad)} in ${describeToken(token)}`,
        span: tokenSpan(token),
        hint: "names use letters, digits, `_`, `.` and `-`; put any other text in single quotes",
      };
    }
    case "UnterminatedString":
      return {
        code: "HVN102",
        severity: "error",
        message: `the string ${describeToken(token)} is not closed before the end of the line`,
        span: tokenSpan(token),
        hint: "close it with `'`; write a quote inside a string as `''`",
      };
    default:
      return null;
  }
}

/**
 * The token after `token` (by binary search), or the end of the file. `token` is from the
 * run `tokens`, and `next` follows the run. A token made up by error recovery has no offset:
 * a search over the whole file's tokens answered the file's first token for it, and still
 * does.
 */
function tokenAfter(
  tokens: readonly IToken[],
  next: IToken | undefined,
  first: IToken | undefined,
  token: IToken,
  end: Span | null,
): { found: string; span: Span; token?: IToken } {
  let after: IToken | undefined;
  if (Number.isNaN(token.startOffset)) {
    after = first;
  } else {
    let low = 0;
    let high = tokens.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((tokens[mid] as IToken).startOffset <= token.startOffset) low = mid + 1;
      else high = mid;
    }
    after = tokens[low] ?? next;
  }
  if (after === undefined) return { found: "the end of the file", span: end as Span };
  return { found: describeToken(after), span: tokenSpan(after), token: after };
}

/** The tokens and lexing errors of a piece of text; `fast` when lexFast lexed it. */
interface Piece {
  tokens: IToken[];
  errors: readonly ILexingError[];
  fast: boolean;
}

/**
 * The text's tokens and lexing errors, lexed a piece at a time. Each piece ends after a
 * "\n" (or at the end), and no token holds a line break but skipped white space, so a piece
 * lexes as it does within the whole text. lexFast lexes it in place; chevrotain's lexer,
 * built on first use, lexes only a piece lexFast leaves to it, as a string of its own whose
 * offsets and lines are shifted back here. Columns need nothing: every piece starts a line.
 */
function* lexPieces(text: string): Generator<Piece> {
  let start = 0;
  let line = 0;
  while (start < text.length || start === 0) {
    const cut = text.indexOf("\n", start + LEX_PIECE);
    const stop = cut < 0 ? text.length : cut + 1;
    const fast = lexFast(text, start, stop, line + 1);
    if (fast !== null) {
      yield { tokens: fast.tokens, errors: NO_ERRORS, fast: true };
      line = fast.line - 1;
    } else {
      const piece = text.slice(start, stop);
      const lexed = hvnestLexer().tokenize(piece);
      if (start > 0) {
        for (const token of lexed.tokens) {
          token.startOffset += start;
          token.endOffset = (token.endOffset as number) + start;
          token.startLine = (token.startLine as number) + line;
          token.endLine = (token.endLine as number) + line;
        }
        for (const error of lexed.errors) {
          error.offset += start;
          if (error.line !== undefined) error.line += line;
        }
      }
      yield { tokens: lexed.tokens, errors: lexed.errors, fast: false };
      line += lineBreaks(piece);
    }
    start = stop;
    if (stop === text.length) break;
  }
}

const NO_ERRORS: readonly ILexingError[] = Object.freeze([]);

/** Line breaks as chevrotain counts them: "\r\n", "\r" and "\n". */
function lineBreaks(text: string): number {
  // Most files have no "\r": then the breaks are counted with indexOf, a line at a time
  // rather than a character at a time (perf, issue 6).
  if (text.indexOf("\r") < 0) {
    let lines = 0;
    for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) lines++;
    return lines;
  }
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) count++;
  }
  return count;
}

/** Our grammar's messages start with their code (see grammar/parser.ts); others are HVN103. */
function parseErrorDiagnostic(error: IRecognitionException, end: Span): Diagnostic {
  const match = /^(HVN\d{3}) (.*)$/s.exec(error.message);
  const code = match?.[1] ?? "HVN103";
  const expected = match?.[2] ?? error.message;
  const token = error.token;
  const atEnd = token.tokenType === EOF || !isRealToken(token);
  const found = atEnd ? "found the end of the file" : `found ${describeToken(token)}`;
  const hint = HINTS[code];
  return {
    code,
    severity: "error",
    message: `${expected}, ${found}`,
    span: atEnd ? end : tokenSpan(token),
    ...(hint ? { hint } : {}),
  };
}

function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((diagnostic, index) => ({ diagnostic, index }))
    .sort(
      (a, b) =>
        (a.diagnostic.span?.offset ?? -1) - (b.diagnostic.span?.offset ?? -1) || a.index - b.index,
    )
    .map(({ diagnostic }) => diagnostic);
}
