import type { Diagnostic, Severity } from "./diagnostic.js";

export interface RenderOptions {
  /** ANSI colours; the CLI asks for them only on a terminal. */
  color?: boolean;
}

/** One diagnostic of `--format json`. Lines and columns are 1-based; end columns are exclusive. */
export interface JsonDiagnostic {
  file: string;
  /** null for a file-level problem (empty, binary, not UTF-8). */
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  code: string;
  severity: Severity;
  message: string;
  hint?: string;
}

const COLORS: Record<Severity | "bold" | "dim" | "reset", string> = {
  error: "\u001b[31m",
  warning: "\u001b[33m",
  info: "\u001b[36m",
  bold: "\u001b[1m",
  dim: "\u001b[2m",
  reset: "\u001b[0m",
};

function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * `path:line:col - error HVN104: message`, the source line, a caret under the span, then
 * the hint. A diagnostic without a span renders as `path - error ...` alone.
 */
export function renderText(
  file: string,
  text: string | null,
  diagnostics: readonly Diagnostic[],
  options: RenderOptions = {},
): string {
  const paint = (style: keyof typeof COLORS, s: string): string =>
    options.color ? `${COLORS[style]}${s}${COLORS.reset}` : s;
  let lines: string[] | undefined;
  const out: string[] = [];
  for (const d of diagnostics) {
    const where = d.span ? `${file}:${d.span.line}:${d.span.column}` : file;
    out.push(
      `${paint("bold", where)} - ${paint(d.severity, d.severity)} ${paint("dim", d.code)}: ${d.message}`,
    );
    if (d.span && text !== null) {
      lines ??= splitLines(text);
      const source = lines[d.span.line - 1];
      if (source !== undefined) {
        const gutter = String(d.span.line);
        const pad = " ".repeat(gutter.length);
        const start = Math.min(d.span.column - 1, source.length);
        const end = d.span.endLine === d.span.line ? d.span.endColumn - 1 : source.length;
        const width = Math.max(1, end - start);
        // Keep tabs in the indentation so the caret lines up with the text above it.
        const indent = source.slice(0, start).replace(/[^\t]/g, " ");
        out.push(
          "",
          `${gutter} | ${source}`,
          `${pad} | ${indent}${paint(d.severity, "^" + "~".repeat(width - 1))}`,
        );
      }
    }
    if (d.hint) out.push(`  hint: ${d.hint}`);
    out.push("");
  }
  return out.join("\n");
}

export function toJson(file: string, diagnostics: readonly Diagnostic[]): JsonDiagnostic[] {
  return diagnostics.map((d) => ({
    file,
    line: d.span?.line ?? null,
    column: d.span?.column ?? null,
    endLine: d.span?.endLine ?? null,
    endColumn: d.span?.endColumn ?? null,
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(d.hint !== undefined ? { hint: d.hint } : {}),
  }));
}
