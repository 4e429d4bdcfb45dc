// The same input built twice, from different working directories and environments, by
// the shipped CLI: identical bytes.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const CLI = resolve("dist/hvnest.js");
const SAMPLE = resolve("samples/article-four-layers.hvnest");
const work = mkdtempSync(join(tmpdir(), "hvnest-det-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function buildIn(cwd: string, input: string, out: string, env: Record<string, string>) {
  const run = spawnSync(process.execPath, [CLI, "build", input, "--out", out], {
    cwd,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  expect(run.status, run.stderr).toBe(0);
}

function readAll(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name)).toString("base64")]),
  );
}

describe("determinism", () => {
  it("gives identical bytes from another working directory, time zone and locale", () => {
    const a = join(work, "a");
    const b = join(work, "deeper", "b");
    mkdirSync(a, { recursive: true });
    mkdirSync(join(b, "in"), { recursive: true });
    // Same file name, different folders: only the base name may reach the bundle.
    copyFileSync(SAMPLE, join(b, "in", "article-four-layers.hvnest"));
    buildIn(a, SAMPLE, "out", { TZ: "UTC", LANG: "C" });
    buildIn(b, "in/article-four-layers.hvnest", join(b, "out"), {
      TZ: "Asia/Tokyo",
      LANG: "de_DE.UTF-8",
    });
    const first = readAll(join(a, "out"));
    const second = readAll(join(b, "out"));
    expect(Object.keys(first).length).toBeGreaterThan(3);
    expect(second).toEqual(first);
  });
});
