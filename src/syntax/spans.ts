import type { IToken } from "chevrotain";
import type { Span } from "../diagnostics/span.js";

/** Chevrotain's ends are inclusive; a Span's ends point just past the last character. */
export function tokenSpan(token: IToken): Span {
  return {
    offset: token.startOffset,
    line: token.startLine ?? 1,
    column: token.startColumn ?? 1,
    endOffset: (token.endOffset ?? token.startOffset) + 1,
    endLine: token.endLine ?? token.startLine ?? 1,
    endColumn: (token.endColumn ?? token.startColumn ?? 0) + 1,
  };
}

/** A token is real when it came from the text, not from chevrotain's error recovery. */
export function isRealToken(token: IToken | undefined): token is IToken {
  return (
    token !== undefined && token.isInsertedInRecovery !== true && !Number.isNaN(token.startOffset)
  );
}

export function joinSpans(first: Span, last: Span): Span {
  return {
    offset: first.offset,
    line: first.line,
    column: first.column,
    endOffset: last.endOffset,
    endLine: last.endLine,
    endColumn: last.endColumn,
  };
}

/** An empty span just past `span`: where "expected ..., found the end of the file" points. */
export function spanAfter(span: Span): Span {
  return {
    offset: span.endOffset,
    line: span.endLine,
    column: span.endColumn,
    endOffset: span.endOffset,
    endLine: span.endLine,
    endColumn: span.endColumn,
  };
}

/** The empty span at the very end of `text`, for a file without tokens. */
export function endOfText(text: string): Span {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  const column = text.length - lineStart + 1;
  return {
    offset: text.length,
    line,
    column,
    endOffset: text.length,
    endLine: line,
    endColumn: column,
  };
}
