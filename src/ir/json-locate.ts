// A JSON parser that also records where each value is, by JSON pointer, so that problems
// in a JSON topology are reported at a line and column like problems in a .hvnest file.
import type { Span } from "../diagnostics/span.js";

const MAX_DEPTH = 256;

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

export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text.charCodeAt(index) === 10) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export function spanAt(text: string, offset: number, endOffset: number): Span {
  const start = positionAt(text, offset);
  const end = positionAt(text, endOffset);
  return {
    offset,
    line: start.line,
    column: start.column,
    endOffset,
    endLine: end.line,
    endColumn: end.column,
  };
}

function escapePointer(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function parseLocatedJson(text: string): LocatedJson {
  const spans = new Map<string, Span>();
  let index = 0;

  const fail = (message: string, at = index): never => {
    throw new JsonSyntaxError(message, at);
  };
  const skipSpace = (): void => {
    while (index < text.length && " \t\n\r".includes(text[index]!)) index++;
  };
  const describeHere = (): string =>
    index >= text.length ? "end of file" : JSON.stringify(text[index]);

  const parseString = (): string => {
    const start = index;
    index++;
    while (index < text.length && text[index] !== '"') {
      if (text[index] === "\\") index++;
      else if (text.charCodeAt(index) < 0x20) fail("control character inside a string");
      index++;
    }
    if (index >= text.length) fail("unterminated string", start);
    index++;
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
    spans.set(pointer, spanAt(text, start, index));
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
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      text.slice(index, index + 400),
    );
    if (!literal) return fail(`expected a JSON value, found ${describeHere()}`);
    index += literal[0].length;
    return JSON.parse(literal[0]) as unknown;
  };

  const value = parseValue("");
  skipSpace();
  if (index < text.length) fail(`unexpected ${describeHere()} after the JSON document`);
  return { value, spans };
}
