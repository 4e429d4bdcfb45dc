import { createHash } from "node:crypto";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import packageJson from "../../package.json" with { type: "json" };
import { checkSource } from "../compile.js";
import { renderText } from "../diagnostics/render.js";
import { emitBundle } from "../emit/bundle.js";
import {
  type CliIo,
  describeReadError,
  EXIT_ERRORS,
  EXIT_OK,
  EXIT_USAGE,
  UsageError,
} from "./io.js";

export const buildUsage = `Usage: hvnest build FILE --out DIR [--force]

Checks the topology and, when it has no errors, writes the bundle to DIR: one
PowerShell script per machine, README.md, manifest.json and topology.json. DIR is
replaced whole; an existing DIR that hvnest did not write is refused unless --force.

Options:
  --out DIR    the folder to write (required)
  --force      replace DIR even when it is not an earlier hvnest bundle

Exit status: 0 written, 1 errors in the input (nothing written), 2 usage or I/O problem.`;

/** `hvnest build`: check like `hvnest check`, then emit and write the bundle. */
export function build(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: "string" },
      force: { type: "boolean", default: false },
    },
  });
  if (positionals.length !== 1) throw new UsageError("build needs exactly one FILE");
  const out = values.out;
  if (out === undefined || out === "") throw new UsageError("build needs --out DIR");
  const path = positionals[0]!;

  let bytes: Uint8Array;
  try {
    bytes = io.readFile(path);
  } catch (error) {
    io.stderr(`hvnest: ${describeReadError(path, error)}\n`);
    return EXIT_USAGE;
  }
  const { diagnostics, text, topology } = checkSource(path, bytes);
  if (diagnostics.length > 0) {
    io.stdout(renderText(path, text, diagnostics, { color: io.color }) + "\n");
  }
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  if (errors > 0 || topology === null) {
    io.stderr(`hvnest: ${errors} error${errors === 1 ? "" : "s"} in ${path}; nothing written\n`);
    return EXIT_ERRORS;
  }

  const files = emitBundle(topology, {
    sourceName: basename(path.replace(/\\/g, "/")),
    sourceSha256: createHash("sha256").update(bytes).digest("hex"),
    compilerVersion: packageJson.version,
  });
  if (io.writeBundle === undefined) throw new Error("this io cannot write files");
  try {
    io.writeBundle(out, files, { force: values.force });
  } catch (error) {
    io.stderr(`hvnest: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_USAGE;
  }
  const scripts = files
    .filter((f) => f.layer !== null && f.machine !== null)
    .sort((a, b) => a.layer! - b.layer!);
  io.stdout(`wrote ${files.length} files to ${out}\n`);
  for (const f of scripts) io.stdout(`  layer ${f.layer}: ${f.path} runs on ${f.machine}\n`);
  io.stdout("README.md there gives the run order and what to do before and after each script\n");
  return EXIT_OK;
}
