import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { generateTopology } from "../../scripts/gen-topology.mjs";
import { checkSource } from "../../src/compile.js";
import { emitBundle, emitBundleFiles } from "../../src/emit/bundle.js";
import { OffloadWriteError } from "../../src/emit/offload.js";
import { planScripts, scriptView } from "../../src/emit/view-model.js";
import { MIN_OFFLOADED_SCRIPTS, MIN_SOURCE_BYTES, startHelpers } from "../../src/io/helper-pool.js";
import { GONE, REPLIED } from "../../src/io/helper-protocol.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const cli = join(root, "dist/hvnest.js");

function hvnest(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the built dist/hvnest.js", () => {
  beforeAll(() => {
    execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: root });
  });

  it("checks every valid sample", () => {
    const result = hvnest(
      "check",
      "samples/article-nat.hvnest",
      "samples/article-four-layers.hvnest",
      "samples/mac-spoofing-external.hvnest",
      "samples/azure-nat.hvnest",
      "samples/multi-host-siblings.hvnest",
    );
    expect(result).toEqual({ status: 0, stdout: "checked 5 files: no problems\n", stderr: "" });
  });

  it("exits 1 on errors, 2 on a missing file, and never prints a stack trace", () => {
    const dir = mkdtempSync(join(tmpdir(), "hvnest-cli-"));
    const broken = join(dir, "broken.hvnest");
    writeFileSync(broken, "host H <\n  vm 'A\n  vm < >\n");
    const errors = hvnest("check", broken);
    expect(errors.status).toBe(1);
    expect(errors.stdout).toContain(`${broken}:2:6 - error HVN102:`);
    const missing = hvnest("check", join(dir, "missing.hvnest"), dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("no such file");
    expect(missing.stderr).toContain("it is a directory");
    for (const output of [errors.stdout, errors.stderr, missing.stderr])
      expect(output).not.toMatch(/\n\s+at /);
  });

  // The bundle patches chevrotain (scripts/bundle-cli.mjs), which the other suites run
  // unpatched: every invalid sample, each in a fresh process (so that the parser may be the
  // first part of chevrotain built), must report its code and end.
  it("reports the code of every invalid sample, each alone in a process", () => {
    const invalid = readdirSync(join(root, "samples/invalid")).filter((name) =>
      /^HVN\d+-.*\.(hvnest|json)$/.test(name),
    );
    expect(invalid.length).toBeGreaterThan(30);
    for (const name of invalid) {
      const result = spawnSync(process.execPath, [cli, "check", `samples/invalid/${name}`], {
        cwd: root,
        encoding: "utf8",
        timeout: 10_000,
      });
      expect(result.signal, name).toBeNull();
      expect([0, 1], name).toContain(result.status);
      expect(result.stdout, name).toContain(` ${name.slice(0, 6)}:`);
      expect(result.stdout + result.stderr, name).not.toMatch(/\n\s+at /);
    }
  });

  it("prints its version", () => {
    expect(hvnest("--version").stdout).toMatch(/^hvnest \d+\.\d+\.\d+\n$/);
  });

  describe("with helper threads (dist/hvnest-worker.cjs)", () => {
    const worker = join(root, "dist/hvnest-worker.cjs");
    /** Two threads' offload into `folder`, as `--jobs 2` gets it. */
    const offloadFor = (folder: string) => startHelpers(2, 100, worker)!.offloadFor(folder);
    const fleet = () => {
      const dir = mkdtempSync(join(tmpdir(), "hvnest-jobs-"));
      const source = join(dir, "fleet.hvnest");
      writeFileSync(source, generateTopology(800));
      return { dir, source };
    };
    // As text: toEqual compares Buffers byte by byte, far slower than strings.
    const files = (dir: string) =>
      Object.fromEntries(
        readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), "latin1")]),
      );

    it("writes the same bundle and prints the same lines with --jobs 2 or 3 as with --jobs 1", () => {
      const { dir, source } = fleet();
      const one = hvnest("build", source, "--out", join(dir, "one"), "--jobs", "1");
      expect(one.status).toBe(0);
      const written = files(join(dir, "one"));
      expect(Object.keys(written).length).toBeGreaterThan(700);
      for (const jobs of ["2", "3"]) {
        const out = join(dir, `jobs-${jobs}`);
        const result = hvnest("build", source, "--out", out, "--jobs", jobs);
        expect(result).toEqual({ ...one, stdout: one.stdout.replace(join(dir, "one"), out) });
        expect(files(out)).toEqual(written);
      }
    });

    it("refuses a --jobs that is not a whole number from 1 to 64", () => {
      for (const jobs of ["0", "65", "two", "1.5"]) {
        const result = hvnest("build", "samples/article-nat.hvnest", "--out", "x", "--jobs", jobs);
        expect(result.status).toBe(2);
        expect(result.stderr).toContain("--jobs takes a whole number from 1 to 64");
      }
    });

    it("renders and writes scripts beside the main thread, the same bytes as emitted in memory", () => {
      const { dir, source } = fleet();
      const { topology } = checkSource("fleet.hvnest", readFileSync(source));
      const options = {
        sourceName: "fleet.hvnest",
        sourceSha256: "0".repeat(64),
        compilerVersion: "0",
      };
      const folder = join(dir, "bundle");
      mkdirSync(folder);
      const offloaded: string[] = [];
      for (const file of emitBundleFiles(topology!, options, offloadFor(folder))) {
        if (file.chunks === null) offloaded.push(file.path);
        else writeFileSync(join(folder, file.path), Buffer.concat([...file.chunks]));
      }
      // The large files are made on this thread; scripts are shared between the threads.
      expect(offloaded).not.toContain("topology.json");
      expect(offloaded.filter((path) => path.endsWith(".ps1")).length).toBeGreaterThan(0);
      const inMemory = emitBundle(topology!, options);
      expect(files(folder)).toEqual(
        Object.fromEntries(
          inMemory.map((file) => [file.path, Buffer.concat(file.chunks).toString("latin1")]),
        ),
      );
    });

    it("by default starts only for a large source and is used only for a large build", () => {
      const dir = mkdtempSync(join(tmpdir(), "hvnest-jobs-"));
      expect(startHelpers(null, MIN_SOURCE_BYTES - 1, worker)).toBeNull();
      const helpers = startHelpers(null, MIN_SOURCE_BYTES, worker);
      // One CPU: no helper at all, which is right too.
      if (availableParallelism() > 1) {
        expect(helpers).not.toBeNull();
        expect(helpers!.offloadFor(dir)(MIN_OFFLOADED_SCRIPTS - 1)).toBeNull();
        helpers!.dismiss();
      } else expect(helpers).toBeNull();
    });

    it("with --jobs N starts for any source and is used for any build, unless N is 1", () => {
      const dir = mkdtempSync(join(tmpdir(), "hvnest-jobs-"));
      expect(startHelpers(1, MIN_SOURCE_BYTES, worker)).toBeNull();
      expect(startHelpers(2, 100, join(dir, "missing.cjs"))).toBeNull();
      const offload = startHelpers(2, 100, worker)!.offloadFor(dir)(1);
      expect(offload).not.toBeNull();
      offload!.close();
    });

    const jobs = () => {
      const { topology } = checkSource(
        "fleet.hvnest",
        new TextEncoder().encode(generateTopology(40)),
      );
      const build = { compilerVersion: "0", source: "fleet.hvnest", sourceSha256: "0".repeat(64) };
      return planScripts(topology!).map((plan) => ({
        path: plan.fileName,
        kind: plan.kind,
        view: scriptView(plan, build),
      }));
    };

    it("reports a helper's failure to write as an I/O error, and stops its helpers", () => {
      const dir = mkdtempSync(join(tmpdir(), "hvnest-jobs-"));
      const pool = offloadFor(join(dir, "no-such-folder"))(MIN_OFFLOADED_SCRIPTS)!;
      pool.submit(jobs());
      expect(() => pool.drain()).toThrow(OffloadWriteError);
      pool.close();
    });

    it("fails rather than waits for ever when a helper thread stops by itself", () => {
      const dir = mkdtempSync(join(tmpdir(), "hvnest-jobs-"));
      // A stand-in for a helper whose loop fails: it says so, as the real one does.
      const crashing = join(dir, "crashing-worker.cjs");
      writeFileSync(
        crashing,
        'const { workerData } = require("node:worker_threads");\n' +
          "const flags = new Int32Array(workerData.signal);\n" +
          `Atomics.store(flags, ${GONE}, 1);\nAtomics.add(flags, ${REPLIED}, 1);\n` +
          `Atomics.notify(flags, ${REPLIED});\n`,
      );
      const pool = startHelpers(2, MIN_SOURCE_BYTES, crashing)!.offloadFor(dir)(
        MIN_OFFLOADED_SCRIPTS,
      )!;
      pool.submit(jobs());
      expect(() => pool.drain()).toThrow(/helper thread stopped unexpectedly/);
      pool.close();
    });

    it("reports a helper's failure to render as an internal error, not an I/O one", () => {
      const dir = mkdtempSync(join(tmpdir(), "hvnest-jobs-"));
      const pool = offloadFor(dir)(MIN_OFFLOADED_SCRIPTS)!;
      const [first] = jobs();
      pool.submit([{ ...first!, view: { ...first!.view, vms: null } as never }]);
      let error: unknown;
      try {
        pool.drain();
      } catch (caught) {
        error = caught;
      }
      pool.close();
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(OffloadWriteError);
      expect((error as Error).message).toMatch(/^in a helper thread: /);
      expect(readdirSync(dir)).toEqual([]);
    });
  });
});
