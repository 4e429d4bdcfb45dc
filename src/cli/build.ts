import { createHash } from "node:crypto";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import packageJson from "../../package.json" with { type: "json" };
import { checkSource } from "../compile.js";
import { renderText } from "../diagnostics/render.js";
import { emitBundleFiles, type EmittedFile } from "../emit/bundle.js";
import { OffloadWriteError, type HelperThreads } from "../emit/offload.js";
import { dropSourcePositions } from "../ir/drop-source-positions.js";
import type { Topology } from "../ir/model.js";
import {
  type CliIo,
  describeReadError,
  EXIT_ERRORS,
  EXIT_OK,
  EXIT_USAGE,
  UsageError,
} from "./io.js";

export const buildUsage = `Usage: hvnest build FILE --out DIR [--force] [--jobs N]

Checks the topology and, when it has no errors, writes the bundle to DIR: one
PowerShell script per machine, README.md, manifest.json and topology.json. DIR is
replaced whole; an existing DIR that hvnest did not write is refused unless --force.

Options:
  --out DIR    the folder to write (required)
  --force      replace DIR even when it is not an earlier hvnest bundle
  --jobs N     threads that make the files, this one included. By default a
               bundle of 8,192 scripts or more uses as many as there are CPUs, at
               most 4, and a smaller one none; --jobs N uses N for any bundle. The
               bundle is the same whatever N is.

Exit status: 0 written, 1 errors in the input (nothing written), 2 usage or I/O problem.`;

/**
 * Checks like `hvnest check` and prints what it found; the topology when it has no errors.
 * A function of its own so that the check's result, AST and text included, is garbage once
 * it returns: emission holds only the topology (perf, issue 6).
 */
function checkedTopology(path: string, bytes: Uint8Array, io: CliIo): Topology | null {
  const { diagnostics, text, topology } = checkSource(path, bytes);
  if (diagnostics.length > 0) {
    io.stdout(renderText(path, text, diagnostics, { color: io.color }) + "\n");
  }
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  if (errors > 0 || topology === null) {
    io.stderr(`hvnest: ${errors} error${errors === 1 ? "" : "s"} in ${path}; nothing written\n`);
    return null;
  }
  return topology;
}

/** `hvnest build`: check like `hvnest check`, then emit and write the bundle. */
export function build(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: "string" },
      force: { type: "boolean", default: false },
      jobs: { type: "string" },
    },
  });
  if (positionals.length !== 1) throw new UsageError("build needs exactly one FILE");
  const out = values.out;
  if (out === undefined || out === "") throw new UsageError("build needs --out DIR");
  const path = positionals[0]!;
  const jobs = values.jobs === undefined ? null : parseJobs(values.jobs);

  let bytes: Uint8Array;
  try {
    bytes = io.readFile(path);
  } catch (error) {
    io.stderr(`hvnest: ${describeReadError(path, error)}\n`);
    return EXIT_USAGE;
  }
  // Started now, so that they are ready when the check is done (perf, issue 6).
  const helpers = io.startHelpers?.(jobs, bytes.length) ?? null;
  try {
    return checkAndWrite(path, bytes, out, values.force, helpers, io);
  } finally {
    helpers?.dismiss();
  }
}

function checkAndWrite(
  path: string,
  bytes: Uint8Array,
  out: string,
  force: boolean,
  helpers: HelperThreads | null,
  io: CliIo,
): number {
  const checked = checkedTopology(path, bytes, io);
  if (checked === null) return EXIT_ERRORS;
  const topology: Topology = checked;
  dropSourcePositions(topology);

  const info = {
    sourceName: basename(path.replace(/\\/g, "/")),
    sourceSha256: createHash("sha256").update(bytes).digest("hex"),
    compilerVersion: packageJson.version,
  };
  if (io.writeBundle === undefined) throw new Error("this io cannot write files");
  // Files are rendered while they are written, one at a time (perf, issue 6); only their
  // names are kept. A failure to render is a bug in hvnest, not an I/O problem.
  const written: { path: string; layer: number | null; machine: string | null }[] = [];
  let emitError: { error: unknown } | null = null;
  function* recorded(folder: string): Generator<EmittedFile> {
    try {
      for (const file of emitBundleFiles(topology, info, helpers?.offloadFor(folder))) {
        written.push({ path: file.path, layer: file.layer, machine: file.machine });
        yield file;
      }
    } catch (error) {
      // A helper thread's failure to write is an I/O problem, reported like the writer's own.
      if (!(error instanceof OffloadWriteError)) emitError = { error };
      throw error;
    }
  }
  try {
    io.writeBundle(out, recorded, { force });
  } catch (error) {
    if (emitError) throw (emitError as { error: unknown }).error;
    io.stderr(`hvnest: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_USAGE;
  }
  const scripts = written
    .filter((f) => f.layer !== null && f.machine !== null)
    .sort((a, b) => a.layer! - b.layer! || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  io.stdout(
    `wrote ${written.length} files to ${out}\n` +
      scripts.map((f) => `  layer ${f.layer}: ${f.path} runs on ${f.machine}\n`).join(""),
  );
  io.stdout("README.md there gives the run order and what to do before and after each script\n");
  return EXIT_OK;
}

/** `--jobs N`: a whole number of threads from 1 to 64. */
function parseJobs(text: string): number {
  const jobs = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!(jobs >= 1 && jobs <= 64)) {
    throw new UsageError(`--jobs takes a whole number from 1 to 64, not ${JSON.stringify(text)}`);
  }
  return jobs;
}
