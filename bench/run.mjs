#!/usr/bin/env node
// `npm run bench`: start-up and scale of the installed CLI, side by side with the
// cost of starting Node itself, in one run (ratios are only meaningful within a run).
//
//   node bench/run.mjs [--quick] [--runs N] [--scale-runs N] [--sizes 1000,10000,50000]
//                      [--out-root DIR] [--disk-size N] [--one-thread-size N]
//                      [--json FILE] [--baseline FILE] [--no-build] [--keep]
//
// Every figure is a cold child process timed from spawn to exit. Commands that do not
// exist yet, or fail, are reported as such and the rest is still measured.
// Bundles are written under /dev/shm (tmpfs) when it exists, so that scale figures
// measure hvnest rather than the disk; one extra row (--disk-size) writes to the disk,
// and one (--one-thread-size) builds with --jobs 1, to show what the helper threads add.

import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { generateTopology } from "../scripts/gen-topology.mjs";
import { parseArgs } from "./args.mjs";
import { formatBaseline, formatTable, formatTargets } from "./report.mjs";
import { summarize } from "./stats.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SAMPLE = "samples/article-four-layers.hvnest";
const TIME = "/usr/bin/time";

const options = parseArgs(process.argv.slice(2));
const work = mkdtempSync(join(tmpdir(), "hvnest-bench-"));
const outRoot = options.outRoot ?? (existsSync("/dev/shm") ? "/dev/shm" : tmpdir());
const outputs = mkdtempSync(join(outRoot, "hvnest-bench-out-"));
try {
  const result = run(options);
  process.stdout.write(formatTable(result));
  process.stdout.write(formatTargets(result));
  if (options.baseline) {
    const previous = JSON.parse(readFileSync(options.baseline, "utf8"));
    process.stdout.write(formatBaseline(result, previous));
  }
  if (options.json) writeFileSync(options.json, JSON.stringify(result, null, 2) + "\n");
} finally {
  rmSync(outputs, { recursive: true, force: true });
  if (!options.keep) rmSync(work, { recursive: true, force: true });
  else process.stderr.write(`kept ${work}\n`);
}

function run(opts) {
  const missing = [];
  if (opts.build) {
    const built = spawnSync(process.execPath, ["scripts/build.mjs"], {
      cwd: root,
      encoding: "utf8",
    });
    if (built.status !== 0) missing.push(`npm run build failed: ${firstLine(built.stderr)}`);
  }
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const bin = join(root, typeof pkg.bin === "string" ? pkg.bin : pkg.bin.hvnest);
  const cli = (args) => [process.execPath, bin, ...args];
  const sample = join(root, SAMPLE);

  // Which commands do their work at all: the placeholder CLI exits 0 for anything.
  const working = existsSync(bin) ? probeCli(cli, missing) : [];
  if (!existsSync(bin)) missing.push(`CLI entry ${rel(bin)} not found (run npm run build)`);
  const commands = { floor: [process.execPath, "-e", "0"] };
  if (working.length && !existsSync(sample)) missing.push(`${SAMPLE} not found`);
  else if (working.includes("check")) commands.check = cli(["check", sample]);
  if (working.includes("build") && existsSync(sample)) {
    commands.build = () => cli(["build", sample, "--out", freshOut()]);
  }
  // One untimed run each: warms the file cache; a failure here drops the command.
  for (const id of Object.keys(commands)) {
    const probe = execute(resolveCommand(commands[id]));
    if (probe.status !== 0) {
      missing.push(`hvnest ${id} of the sample: ${describeFailure(probe)}`);
      delete commands[id];
    }
  }
  // Interleaved, so that background load hits every command alike. Wall time comes from
  // plain runs; CPU time from separate runs under /usr/bin/time, so that its exec never
  // counts in the wall figures.
  const samples = Object.fromEntries(Object.keys(commands).map((id) => [id, []]));
  const cpu = Object.fromEntries(Object.keys(commands).map((id) => [id, []]));
  for (let i = 0; i < opts.runs; i++) {
    for (const id of Object.keys(commands)) {
      samples[id].push(execute(resolveCommand(commands[id])).ms);
      const timed = execute(resolveCommand(commands[id]), { peak: true });
      if (timed.cpuMs !== null) cpu[id].push(timed.cpuMs);
    }
  }
  const cpuMedian = (id) => (cpu[id]?.length ? summarize(cpu[id]).median : null);
  const rows = [];
  const floor = summarize(samples.floor);
  rows.push({ id: "floor", label: "node -e 0", ...floor, ratio: 1, cpuMs: cpuMedian("floor") });
  for (const id of ["check", "build"]) {
    if (!samples[id]) continue;
    const stats = summarize(samples[id]);
    rows.push({
      id,
      label: `hvnest ${id} (four-layer sample)`,
      ...stats,
      ratio: stats.median / floor.median,
      cpuMs: cpuMedian(id),
      cpuRatio: cpuMedian(id) && cpuMedian("floor") ? cpuMedian(id) / cpuMedian("floor") : null,
    });
  }
  rows.push(...scale(opts, working, cli, floor, missing));
  if (opts.oneThreadSize && working.includes("build")) {
    rows.push(...oneThread(opts.oneThreadSize, opts.scaleRuns, cli, floor, missing));
  }
  if (opts.diskSize && working.includes("build") && outRoot !== tmpdir()) {
    rows.push(...onDisk(opts.diskSize, cli, floor, missing));
  }
  return {
    schema: "hvnest-bench/1",
    commit: gitCommit(),
    machine: machine(),
    loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
    outputs: outRoot,
    runs: opts.runs,
    sizes: opts.sizes,
    rows,
    missing,
  };
}

/** Check and build of generated fleets: time, VMs per second, peak RSS, growth. */
function scale(opts, working, cli, floor, missing) {
  const rows = [];
  const previous = {};
  for (const n of opts.sizes) {
    const file = fleet(n);
    for (const id of working) {
      const row = measureScale(id, n, file, opts.scaleRuns, cli, floor, missing, freshOut);
      if (!row) continue;
      const before = previous[id];
      if (before) {
        row.growth = {
          from: before.vms,
          factor: row.median / before.median,
          cpuFactor: row.cpuMs && before.cpuMs ? row.cpuMs / before.cpuMs : null,
        };
      }
      previous[id] = row;
      rows.push(row);
    }
  }
  return rows;
}

/** The same build, written to the disk (os.tmpdir()) instead of tmpfs: what a user sees. */
function onDisk(n, cli, floor, missing) {
  const out = () => join(mkdtempSync(join(work, "out-")), "bundle");
  const row = measureScale("build", n, fleet(n), 1, cli, floor, missing, out);
  if (!row) return [];
  return [{ ...row, id: `build-${n}-disk`, label: `hvnest build, ${n} VMs, to ${tmpdir()}` }];
}

/** The same build on the main thread alone (`--jobs 1`). */
function oneThread(n, times, cli, floor, missing) {
  const alone = (args) => cli([...args, "--jobs", "1"]);
  const row = measureScale("build", n, fleet(n), times, alone, floor, missing, freshOut);
  if (!row) return [];
  return [{ ...row, id: `build-${n}-jobs-1`, label: `hvnest build, ${n} VMs, --jobs 1` }];
}

function fleet(n) {
  const file = join(work, `fleet-${n}.hvnest`);
  if (!existsSync(file)) writeFileSync(file, generateTopology(n));
  return file;
}

function measureScale(id, n, file, times, cli, floor, missing, makeOut) {
  const runs = [];
  let outputs = null;
  for (let i = 0; i < times; i++) {
    const out = makeOut();
    const args = id === "check" ? ["check", file] : ["build", file, "--out", out];
    const result = execute(cli(args), { peak: true });
    if (id === "build") outputs = countOutputs(out);
    rmSync(dirname(out), { recursive: true, force: true });
    const failure =
      result.status !== 0
        ? describeFailure(result)
        : outputs?.files === 0
          ? "exit 0 but wrote nothing"
          : null;
    if (failure) {
      missing.push(`hvnest ${id} of ${n} VMs: ${failure}`);
      return null;
    }
    runs.push(result);
  }
  const stats = summarize(runs.map((r) => r.ms));
  const peaks = runs.map((r) => r.peakMB).filter((p) => p !== null);
  const cpu = runs.map((r) => r.cpuMs).filter((c) => c !== null);
  return {
    id: `${id}-${n}`,
    label: `hvnest ${id}, ${n} VMs`,
    vms: n,
    ...stats,
    ratio: stats.median / floor.median,
    vmsPerSecond: Math.round((n * 1000) / stats.median),
    peakMB: peaks.length ? Math.max(...peaks) : null,
    cpuMs: cpu.length ? summarize(cpu).median : null,
    growth: null,
    ...(outputs && { outputFiles: outputs.files, outputMB: outputs.bytes / 2 ** 20 }),
  };
}

/**
 * The commands that really work: build must write files for a one-VM topology, check
 * must reject a file with a syntax error (the scaffold's placeholder exits 0 for both).
 */
function probeCli(cli, missing) {
  const working = [];
  const broken = join(work, "broken.hvnest");
  writeFileSync(broken, "host <\n");
  const check = execute(cli(["check", broken]));
  if (check.status === 0) missing.push("hvnest check: exits 0 on a file with a syntax error");
  else if (check.status === null || /unknown command|usage/i.test(check.stderr)) {
    missing.push(`hvnest check: ${describeFailure(check)}`);
  } else working.push("check");

  const tiny = join(work, "tiny.hvnest");
  writeFileSync(tiny, generateTopology(1));
  const out = freshOut();
  const build = execute(cli(["build", tiny, "--out", out]));
  if (build.status !== 0) missing.push(`hvnest build: ${describeFailure(build)}`);
  else if (countOutputs(out).files === 0) missing.push("hvnest build: exits 0 but writes nothing");
  else working.push("build");
  return working;
}

/** A path that does not exist yet: build refuses to replace a folder it did not write. */
function freshOut() {
  return join(mkdtempSync(join(outputs, "out-")), "bundle");
}

function countOutputs(dir) {
  if (!existsSync(dir)) return { files: 0, bytes: 0 };
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += statSync(join(entry.parentPath ?? entry.path, entry.name)).size;
  }
  return { files, bytes };
}

function resolveCommand(command) {
  return typeof command === "function" ? command() : command;
}

/**
 * Runs a command to completion; with `peak`, through /usr/bin/time for its max RSS and
 * CPU time (user + system), which a busy machine disturbs less than the wall time.
 */
function execute([file, ...args], { peak = false } = {}) {
  const measurePeak = peak && existsSync(TIME);
  const rss = measurePeak ? join(work, "rss.txt") : null;
  const argv = measurePeak ? [TIME, "-f", "%M %U %S", "-o", rss, file, ...args] : [file, ...args];
  const start = process.hrtime.bigint();
  const child = spawnSync(argv[0], argv.slice(1), {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const [kb, user, system] = measurePeak
    ? readFileSync(rss, "utf8").trim().split("\n").pop().split(" ").map(Number)
    : [];
  return {
    ms,
    status: child.status,
    stderr: child.stderr ?? "",
    stdout: child.stdout ?? "",
    peakMB: measurePeak ? kb / 1024 : null,
    cpuMs: measurePeak ? Math.round((user + system) * 1000) : null,
  };
}

function describeFailure(result) {
  const text = (result.stderr || result.stdout || "").trim();
  return `exit ${result.status}${text ? `: ${firstLine(text)}` : ""}`;
}

function firstLine(text) {
  const line = String(text).trim().split("\n")[0] ?? "";
  return line.length > 160 ? line.slice(0, 157) + "..." : line;
}

function rel(path) {
  return path.startsWith(root + "/") ? path.slice(root.length + 1) : path;
}

function gitCommit() {
  const git = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" });
  return git.status === 0 ? git.stdout.trim() : null;
}

function machine() {
  const list = cpus();
  return {
    cpu: list[0]?.model ?? "unknown",
    nproc: availableParallelism(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}
