import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { writeBundle } from "../../src/io/write-bundle.js";

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "hvnest-build-"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function run(args: string[]) {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    readFile: (path) => readFileSync(path),
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    color: false,
    writeBundle,
  };
  const code = main(["build", ...args], io, "0.0.0-test");
  return { code, stdout, stderr };
}

describe("hvnest build", () => {
  it("writes the bundle of a valid topology", () => {
    const out = join(work, "out");
    const r = run(["samples/article-four-layers.hvnest", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      "1-HV01.ps1",
      "2-WS2016-Outer.ps1",
      "3-WS2016-Inner.ps1",
      "4-WS2016-Innermost.ps1",
      "README.md",
      "manifest.json",
      "topology.json",
    ]);
    expect(r.stdout).toMatch(/layer 1: 1-HV01\.ps1 runs on HV01/);
  });

  it("writes nothing when the topology has errors, and prints them like check", () => {
    const invalid = readdirSync("samples/invalid").find((n) => n.endsWith(".hvnest"));
    expect(invalid).toBeDefined();
    const out = join(work, "out");
    const r = run([join("samples/invalid", invalid!), "--out", out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/HVN\d{3}/);
    expect(r.stderr).toMatch(/nothing written/);
    expect(readdirSync(work)).toEqual([]);
  });

  it("refuses a foreign folder without --force (exit 2)", () => {
    const r1 = run(["samples/article-four-layers.hvnest", "--out", work]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/--force/);
  });

  it("reports usage problems", () => {
    expect(run(["samples/article-four-layers.hvnest"]).code).toBe(2);
    expect(run(["--out", join(work, "x")]).code).toBe(2);
    expect(run(["missing.hvnest", "--out", join(work, "x")]).code).toBe(2);
  });
});
