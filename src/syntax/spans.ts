import type { IToken } from "chevrotain";
import { makeSpan, type Span } from "../diagnostics/span.js";

/** Chevrotain's ends are inclusive; a Span's ends point just past the last character. */
export function tokenSpan(token: IToken): Span {
  return makeSpan(
    token.startOffset,
    token.startLine ?? 1,
    token.startColumn ?? 1,
    (token.endOffset ?? token.startOffset) + 1,
    token.endLine ?? token.startLine ?? 1,
    (token.endColumn ?? token.startColumn ?? 0) + 1,
  );
}

/** Where chevrotain's positions start and end (a token, or a CST node's location). */
interface Extent {
  startOffset: number;
  startLine?: number;
  startColumn?: number;
  endOffset?: number;
  endLine?: number;
  endColumn?: number;
}

/**
 * The span from where `start` starts to where `end` ends, both known (chevrotain's ends are
 * inclusive; a Span's point just past the last character).
 */
export function inclusiveSpan(start: Extent, end: Extent): Span {
  return makeSpan(
    start.startOffset,
    start.startLine as number,
    start.startColumn as number,
    (end.endOffset as number) + 1,
    end.endLine as number,
    (end.endColumn as number) + 1,
  );
}

/** A token is real when it came from the text, not from chevrotain's error recovery. */
export function isRealToken(token: IToken | undefined): token is IToken {
  return (
    token !== undefined && token.isInsertedInRecovery !== true && !Number.isNaN(token.startOffset)
  );
}

export function joinSpans(first: Span, last: Span): Span {
  return makeSpan(
    first.offset,
    first.line,
    first.column,
    last.endOffset,
    last.endLine,
    last.endColumn,
  );
}

/** An empty span just past `span`: where "expected ..., found the end of the file" points. */
export function spanAfter(span: Span): Span {
  return makeSpan(
    span.endOffset,
    span.endLine,
    span.endColumn,
    span.endOffset,
    span.endLine,
    span.endColumn,
  );
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
  return makeSpan(text.length, line, column, text.length, line, column);
}
