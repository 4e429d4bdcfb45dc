import { EOF, type ILexingError, type IRecognitionException, type IToken } from "chevrotain";
import { hvnestLexer } from "../../grammar/lexer.js";
import { hvnestParser } from "../../grammar/parser.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/span.js";
import type { FileNode } from "./ast.js";
import { buildAst, describeToken } from "./build-ast.js";
import { endOfText, isRealToken, spanAfter, tokenSpan } from "./spans.js";

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

  hvnestParser.input = lexed.tokens;
  const cst = hvnestParser.file();
  const later: Diagnostic[] = [];
  const seen = new Set<number>();
  for (const error of hvnestParser.errors) {
    const diagnostic = parseErrorDiagnostic(error, end);
    // Recovery can report several errors at one token (an unclosed body inside an unclosed
    // body); the first, innermost one says what to do.
    const at = diagnostic.span?.offset ?? -1;
    if (seen.has(at)) continue;
    seen.add(at);
    later.push(diagnostic);
  }
  const file = buildAst(
    cst,
    (diagnostic) => void later.push(diagnostic),
    (token) => tokenAfter(lexed.tokens, token, end),
  );
  // The parser keeps its input until the next parse: release the tokens now, or they stay
  // alive through rules and emission (perf, issue 6: ~80 MB for 50,000 VMs).
  hvnestParser.input = [];
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

/** The token after `token` (by binary search), or the end of the file. */
function tokenAfter(
  tokens: IToken[],
  token: IToken,
  end: Span,
): { found: string; span: Span; token?: IToken } {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((tokens[mid] as IToken).startOffset <= token.startOffset) low = mid + 1;
    else high = mid;
  }
  const next = tokens[low];
  if (next === undefined) return { found: "the end of the file", span: end };
  return { found: describeToken(next), span: tokenSpan(next), token: next };
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
