// A JSON parser that also records where each value is, by JSON pointer, so that problems
// in a JSON topology are reported at a line and column like problems in a .hvnest file.
import { makeSpan, type Span } from "../diagnostics/span.js";

const MAX_DEPTH = 256;
const LITERAL = /true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export interface LocatedJson {
  value: unknown;
  /** JSON pointer -> span of the value ("" is the document). */
  spans: Map<string, Span>;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Offsets where each line starts, for turning offsets into lines and columns in O(log n). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index++)
    if (text.charCodeAt(index) === 10) starts.push(index + 1);
  return starts;
}

export function positionAt(
  starts: readonly number[],
  offset: number,
): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - starts[low]! + 1 };
}

export function spanAt(starts: readonly number[], offset: number, endOffset: number): Span {
  const start = positionAt(starts, offset);
  const end = positionAt(starts, endOffset);
  return makeSpan(offset, start.line, start.column, endOffset, end.line, end.column);
}

function escapePointer(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function parseLocatedJson(text: string): LocatedJson {
  const spans = new Map<string, Span>();
  const starts = lineStarts(text);
  let index = 0;

  const fail = (message: string, at = index): never => {
    throw new JsonSyntaxError(message, at);
  };
  const skipSpace = (): void => {
    for (;;) {
      const code = text.charCodeAt(index);
      if (code !== 32 && code !== 10 && code !== 13 && code !== 9) return;
      index++;
    }
  };

  const describeHere = (): string =>
    index >= text.length ? "end of file" : JSON.stringify(text[index]);

  const parseString = (): string => {
    const start = index;
    let escaped = false;
    index++;
    while (index < text.length && text[index] !== '"') {
      const code = text.charCodeAt(index);
      if (code === 92) {
        escaped = true;
        index++;
      } else if (code < 0x20) {
        fail("control character inside a string");
      }
      index++;
    }
    if (index >= text.length) fail("unterminated string", start);
    index++;
    if (!escaped) return text.slice(start + 1, index - 1);
    try {
      return JSON.parse(text.slice(start, index)) as string;
    } catch {
      return fail("invalid escape in string", start);
    }
  };

  let depth = 0;
  const parseValue = (pointer: string): unknown => {
    skipSpace();
    const start = index;
    // A topology is a handful of levels deep; refuse runaway nesting before the stack does.
    if (++depth > MAX_DEPTH) fail(`nested more than ${MAX_DEPTH} levels deep`);
    const value = parseBare(pointer);
    depth--;
    spans.set(pointer, spanAt(starts, start, index));
    return value;
  };

  const parseBare = (pointer: string): unknown => {
    const char = text[index];
    if (char === "{") {
      index++;
      const result: Record<string, unknown> = {};
      skipSpace();
      if (text[index] === "}") {
        index++;
        return result;
      }
      for (;;) {
        skipSpace();
        if (text[index] !== '"')
          fail(`expected a property name in double quotes, found ${describeHere()}`);
        const key = parseString();
        skipSpace();
        if (text[index] !== ":")
          fail(`expected ":" after property "${key}", found ${describeHere()}`);
        index++;
        result[key] = parseValue(`${pointer}/${escapePointer(key)}`);
        skipSpace();
        if (text[index] === ",") {
          index++;
          continue;
        }
        if (text[index] === "}") {
          index++;
          return result;
        }
        fail(`expected "," or "}" in an object, found ${describeHere()}`);
      }
    }
    if (char === "[") {
      index++;
      const result: unknown[] = [];
      skipSpace();
      if (text[index] === "]") {
        index++;
        return result;
      }
      for (;;) {
        result.push(parseValue(`${pointer}/${result.length}`));
        skipSpace();
        if (text[index] === ",") {
          index++;
          continue;
        }
        if (text[index] === "]") {
          index++;
          return result;
        }
        fail(`expected "," or "]" in an array, found ${describeHere()}`);
      }
    }
    if (char === '"') return parseString();
    LITERAL.lastIndex = index;
    const literal = LITERAL.exec(text);
    if (!literal) return fail(`expected a JSON value, found ${describeHere()}`);
    index += literal[0].length;
    return JSON.parse(literal[0]) as unknown;
  };

  const value = parseValue("");
  skipSpace();
  if (index < text.length) fail(`unexpected ${describeHere()} after the JSON document`);
  return { value, spans };
}
