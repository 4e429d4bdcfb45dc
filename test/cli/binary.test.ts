import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

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

  it("prints its version", () => {
    expect(hvnest("--version").stdout).toMatch(/^hvnest \d+\.\d+\.\d+\n$/);
  });
});
