// The only places where topology values become PowerShell or Markdown text. Each helper
// checks its argument itself: Handlebars' strict mode does not look at helper arguments.

/** What a helper receives: its own arguments, then Handlebars' options object. */
type HelperArgs = unknown[];

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function single(name: string, args: HelperArgs): unknown {
  if (args.length !== 2) {
    throw new Error(`helper ${name} takes exactly one argument, got ${args.length - 1}`);
  }
  return args[0];
}

function requireString(name: string, value: unknown): string {
  if (typeof value !== "string") {
    throw new Error(`helper ${name} needs a string, got ${describe(value)}`);
  }
  return value;
}

function requireInteger(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value)) {
    throw new Error(`helper ${name} needs an integer, got ${describe(value)} ${String(value)}`);
  }
  return value;
}

const QUOTES = /['\u2018\u2019\u201A\u201B]/g;
// Characters that would break a line or hide in one: kept out of the file's text.
const CONTROL = /[\u0000-\u001F\u007F\u0085\u2028\u2029]/;

function quoted(text: string): string {
  return `'${text.replace(QUOTES, (quote) => quote + quote)}'`;
}

/**
 * A PowerShell single-quoted literal. Inside one, PowerShell treats U+2018..U+201B as
 * quotes too, so each of them is doubled like `'`; `$` and backticks are inert there.
 * Control characters (newlines included) become `[char]N` joined by `+` in parentheses,
 * so that every script line stays one line and the value stays data.
 */
export function psString(value: string): string {
  if (!CONTROL.test(value)) return quoted(value);
  const parts: string[] = [];
  let run = "";
  for (const ch of value) {
    if (CONTROL.test(ch)) {
      if (run !== "") parts.push(quoted(run));
      run = "";
      parts.push(`[char]${ch.codePointAt(0)}`);
    } else {
      run += ch;
    }
  }
  if (run !== "") parts.push(quoted(run));
  // `'' + ...` keeps the result a string when the value starts with a control character.
  return `('' + ${parts.join(" + ")})`;
}

export function psBoolean(value: boolean): string {
  return value ? "$true" : "$false";
}

export function psStringArray(values: readonly string[]): string {
  return `@(${values.map(psString).join(", ")})`;
}

export function psBytesFromMB(megabytes: number): string {
  const bytes = BigInt(megabytes) * 1024n * 1024n;
  return bytes.toString();
}

const MARKDOWN_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
// Line breaks and control characters, inline markup, and HTML's three: one pass over the
// text instead of three (perf, issue 6: the README has a few cells per script).
const MARKDOWN_SPECIAL = /\r\n|[\r\n\u0000-\u001F\u007F\u0085\u2028\u2029\\`*_[\]|~&<>]/g;
const MARKDOWN_ANY = /[\r\n\u0000-\u001F\u007F\u0085\u2028\u2029\\`*_[\]|~&<>]/;

/**
 * Text for a Markdown table cell or a paragraph: one line, no markup, no cell break.
 * Inline markup characters get a backslash; `&`, `<`, `>` become entities (no HTML).
 */
export function markdownText(value: string): string {
  // Most cells (names, file names, numbers) hold none: a test is cheaper than a replace.
  if (!MARKDOWN_ANY.test(value)) return value;
  return value.replace(MARKDOWN_SPECIAL, (c) => {
    if (c.length > 1 || CONTROL.test(c)) return " ";
    return MARKDOWN_ENTITIES[c] ?? `\\${c}`;
  });
}

// Line breaks, control characters, and what Mermaid would read inside a quoted label.
const MERMAID_ANY = /[\r\n\u0000-\u001F\u007F\u0085\u2028\u2029#"<>&`|\\[\]{}()]/;

/** A Mermaid label inside double quotes: Mermaid reads `#code;` entities there. */
export function mermaidText(value: string): string {
  if (!MERMAID_ANY.test(value)) return value;
  return value
    .replace(/\r\n|\r|\n|[\u0000-\u001F\u007F\u0085\u2028\u2029]/g, " ")
    .replace(/[#"<>&`|\\[\]{}()]/g, (c) => `#${c.charCodeAt(0)};`);
}

export const helpers = {
  ps(...args: HelperArgs): string {
    return psString(requireString("ps", single("ps", args)));
  },
  psBool(...args: HelperArgs): string {
    const value = single("psBool", args);
    if (typeof value !== "boolean") {
      throw new Error(`helper psBool needs a boolean, got ${describe(value)}`);
    }
    return psBoolean(value);
  },
  psInt(...args: HelperArgs): string {
    return String(requireInteger("psInt", single("psInt", args)));
  },
  psArray(...args: HelperArgs): string {
    const value = single("psArray", args);
    if (!Array.isArray(value)) {
      throw new Error(`helper psArray needs an array, got ${describe(value)}`);
    }
    return psStringArray(value.map((item) => requireString("psArray", item)));
  },
  psBytes(...args: HelperArgs): string {
    const megabytes = requireInteger("psBytes", single("psBytes", args));
    if (megabytes < 0) throw new Error(`helper psBytes needs a size >= 0, got ${megabytes}`);
    return psBytesFromMB(megabytes);
  },
  /** The compiler's own version, printed in comments: only a plain version string passes. */
  version(...args: HelperArgs): string {
    const value = requireString("version", single("version", args));
    if (!/^[0-9A-Za-z.+-]+$/.test(value)) {
      throw new Error(`helper version needs a plain version string, got ${JSON.stringify(value)}`);
    }
    return value;
  },
  md(...args: HelperArgs): string {
    const value = single("md", args);
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
    return markdownText(requireString("md", value));
  },
  mermaid(...args: HelperArgs): string {
    return mermaidText(requireString("mermaid", single("mermaid", args)));
  },
};

export type HelperName = keyof typeof helpers;
