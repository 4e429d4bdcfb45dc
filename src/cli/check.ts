import { parseArgs } from "node:util";
import { checkSource } from "../compile.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { renderText, toJson, type JsonDiagnostic } from "../diagnostics/render.js";
import {
  type CliIo,
  describeReadError,
  EXIT_ERRORS,
  EXIT_OK,
  EXIT_USAGE,
  UsageError,
} from "./io.js";

export const checkUsage = `Usage: hvnest check FILE... [--format text|json] [--warnings-as-errors]

Parses each topology file and reports its problems.

Options:
  --format text|json      text (default; coloured on a terminal) or a JSON array of
                          {file, line, column, endLine, endColumn, code, severity, message, hint?}
  --warnings-as-errors    exit 1 on warnings too

Exit status: 0 no errors, 1 errors found, 2 usage or unreadable file.`;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** `hvnest check`: parse every file, report every diagnostic, exit by the worst. */
export function check(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: "string", default: "text" },
      "warnings-as-errors": { type: "boolean", default: false },
    },
  });
  const format = values.format;
  if (format !== "text" && format !== "json")
    throw new UsageError(`unknown format "${format}": use text or json`);
  if (positionals.length === 0) throw new UsageError("check needs at least one FILE");

  let exit = EXIT_OK;
  let errors = 0;
  let warnings = 0;
  let filesWithProblems = 0;
  let filesRead = 0;
  let json: JsonDiagnostic[] = [];
  for (const path of positionals) {
    let bytes: Uint8Array;
    try {
      bytes = io.readFile(path);
    } catch (error) {
      io.stderr(`hvnest: ${describeReadError(path, error)}\n`);
      exit = EXIT_USAGE;
      continue;
    }
    filesRead++;
    const { diagnostics, text } = checkSource(path, bytes);
    const failing = diagnostics.filter((d) => isFailing(d, values["warnings-as-errors"]));
    errors += diagnostics.filter((d) => d.severity === "error").length;
    warnings += diagnostics.filter((d) => d.severity === "warning").length;
    if (diagnostics.length > 0) filesWithProblems++;
    if (failing.length > 0 && exit === EXIT_OK) exit = EXIT_ERRORS;
    if (format === "json") json = json.concat(toJson(path, diagnostics));
    else if (diagnostics.length > 0)
      io.stdout(renderText(path, text, diagnostics, { color: io.color }) + "\n");
  }
  if (format === "json") {
    io.stdout(JSON.stringify(json, null, 2) + "\n");
  } else if (filesRead > 0) {
    const checked = `checked ${plural(filesRead, "file")}`;
    io.stdout(
      errors + warnings === 0
        ? `${checked}: no problems\n`
        : `${checked}: ${plural(errors, "error")}, ${plural(warnings, "warning")} in ${plural(filesWithProblems, "file")}\n`,
    );
  }
  return exit;
}

function isFailing(diagnostic: Diagnostic, warningsAsErrors: boolean): boolean {
  return diagnostic.severity === "error" || (warningsAsErrors && diagnostic.severity === "warning");
}
