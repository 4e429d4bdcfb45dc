import { EOF, type ILexingError, type IRecognitionException, type IToken } from "chevrotain";
import { hvnestLexer } from "../../grammar/lexer.js";
import { hvnestParser } from "../../grammar/parser.js";
import { Gt, Host, Lt } from "../../grammar/tokens.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/span.js";
import type { FileNode, HostNode } from "./ast.js";
import { buildAst, describeToken } from "./build-ast.js";
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
    span: { offset: 0, line: 1, column: 1, endOffset: 0, endLine: 1, endColumn: 1 },
  };
}

function parseUnguarded(text: string): ParseResult {
  const lexed = hvnestLexer.tokenize(text);
  const lexical: Diagnostic[] = lexed.errors.map(lexerErrorDiagnostic);
  for (const token of lexed.tokens) {
    const problem = lexicalProblem(token);
    if (problem) lexical.push(problem);
  }
  const end = lastTokenEnd(lexed.tokens, text);
  const tooDeep = findTooDeep(lexed.tokens);
  if (tooDeep !== undefined) {
    const deep: Diagnostic = {
      code: "HVN110",
      severity: "error",
      message: `bodies are nested more than ${MAX_DEPTH} levels deep`,
      span: tokenSpan(tooDeep),
      hint: "check for runaway `<`; real topologies are a handful of layers deep",
    };
    return { file: emptyFile(), diagnostics: sortDiagnostics(lexical.concat(deep)) };
  }

  // One top-level statement run at a time (perf, issue 6): only one host's CST is alive, and
  // each run's tokens are released once its AST is built. This is the same parse as the
  // whole vector's: see `topLevelRuns`.
  const tokens: (IToken | undefined)[] = lexed.tokens;
  const first = lexed.tokens[0];
  const syntax: Diagnostic[] = [];
  const built: Diagnostic[] = [];
  const seen = new Set<number>();
  const hosts: HostNode[] = [];
  let fileSpan: Span | null = null;
  for (const [start, stop] of topLevelRuns(lexed.tokens)) {
    hvnestParser.input = lexed.tokens.slice(start, stop);
    const cst = hvnestParser.file();
    for (const error of hvnestParser.errors) {
      const diagnostic = parseErrorDiagnostic(error, end);
      // Recovery can report several errors at one token (an unclosed body inside an unclosed
      // body); the first, innermost one says what to do.
      const at = diagnostic.span?.offset ?? -1;
      if (seen.has(at)) continue;
      seen.add(at);
      syntax.push(diagnostic);
    }
    // The parser keeps its input until the next parse: release it now, or the last run's
    // tokens stay alive through rules and emission.
    hvnestParser.input = [];
    const part = buildAst(
      cst,
      (diagnostic) => void built.push(diagnostic),
      (token) => tokenAfter(tokens, start, stop, first, token, end),
    );
    hosts.push(...part.hosts);
    fileSpan = fileSpan === null ? part.span : joinSpans(fileSpan, part.span);
    tokens.fill(undefined, start, stop);
  }
  const file: FileNode = fileSpan === null ? emptyFile() : { kind: "file", hosts, span: fileSpan };
  // The whole vector's parse reported every parser error before any builder finding.
  const later = syntax.concat(built);
  // A bad word or an open string is reported once: the parser and builder see it as a name
  // or value that does not fit, which would say the same thing again.
  const lexicalSpans = lexical
    .flatMap((d) => (d.span ? [d.span] : []))
    .sort((a, b) => a.offset - b.offset);
  const diagnostics = lexical.concat(
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
    span: {
      offset: error.offset,
      line,
      column,
      endOffset: error.offset + error.length,
      endLine: line,
      endColumn: column + error.length,
    },
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
 * run `start..stop`, whose tokens are still in `tokens`, and the token after the run is the
 * next run's first. A token made up by error recovery has no offset: the search over the
 * whole vector answered the file's first token for it, and still does.
 */
function tokenAfter(
  tokens: readonly (IToken | undefined)[],
  start: number,
  stop: number,
  first: IToken | undefined,
  token: IToken,
  end: Span,
): { found: string; span: Span; token?: IToken } {
  let next: IToken | undefined;
  if (Number.isNaN(token.startOffset)) {
    next = first;
  } else {
    let low = start;
    let high = stop;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((tokens[mid] as IToken).startOffset <= token.startOffset) low = mid + 1;
      else high = mid;
    }
    next = tokens[low];
  }
  if (next === undefined) return { found: "the end of the file", span: end };
  return { found: describeToken(next), span: tokenSpan(next), token: next };
}

/**
 * Splits the token vector before each `host` keyword at depth 0, as `[start, stop)` index
 * pairs; an empty vector is one empty run. Parsing the runs one after another gives the
 * whole vector's CST piece by piece: `host` has no token category, so it can only start a
 * statement, and at depth 0 the file rule is between statements there. Depth counts `<` and
 * `>` as the parser does: every token but `>` can start a statement or continue one, so a
 * `>` inside a body closes it, and one at depth 0 is an unmatched close. The only parse
 * error, an unclosed body, leaves the depth above 0 to the end, so error recovery only ever
 * runs in the last run.
 */
function topLevelRuns(tokens: readonly IToken[]): [number, number][] {
  const runs: [number, number][] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    const type = (tokens[i] as IToken).tokenType;
    if (type === Lt) depth++;
    else if (type === Gt) depth = Math.max(0, depth - 1);
    else if (type === Host && depth === 0 && i > start) {
      runs.push([start, i]);
      start = i;
    }
  }
  runs.push([start, tokens.length]);
  return runs;
}

function lastTokenEnd(tokens: IToken[], text: string): Span {
  const last = tokens[tokens.length - 1];
  return last ? spanAfter(tokenSpan(last)) : endOfText(text);
}

function findTooDeep(tokens: IToken[]): IToken | undefined {
  let depth = 0;
  for (const token of tokens) {
    const name = token.tokenType.name;
    if (name === "Lt" && ++depth > MAX_DEPTH) return token;
    if (name === "Gt" && depth > 0) depth--;
  }
  return undefined;
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
