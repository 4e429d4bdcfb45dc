import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// Runs the benchmark on tiny sizes, against whatever dist/ holds (npm test builds it
// first); checks that it runs and reports, never how fast anything is.
describe("npm run bench", () => {
  const dir = mkdtempSync(join(tmpdir(), "hvnest-bench-test-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const json = join(dir, "bench.json");
  const run = spawnSync(
    process.execPath,
    ["bench/run.mjs", "--quick", "--no-build", "--json", json],
    {
      encoding: "utf8",
    },
  );

  it("exits 0 and prints the table with the floor and the targets", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^measure +median +min-max +x floor/m);
    expect(run.stdout).toMatch(/^node -e 0 +\d+(\.\d)? ms .* 1\.00( +\d+)?$/m);
    expect(run.stdout).toMatch(/^targets \(issue 6\)/m);
  });

  it("writes the same figures as JSON, every command measured or said missing", () => {
    const result = JSON.parse(readFileSync(json, "utf8"));
    expect(result.schema).toBe("hvnest-bench/1");
    expect(result.machine.nproc).toBeGreaterThan(0);
    const ids = result.rows.map((row: { id: string }) => row.id);
    expect(ids[0]).toBe("floor");
    for (const id of ["check", "build", "check-400", "build-400"]) {
      const measured = ids.includes(id);
      const [command] = id.split("-");
      const reported = result.missing.some(
        (reason: string) => reason.includes(`hvnest ${command}`) || reason.includes("not found"),
      );
      expect(measured || reported, id).toBe(true);
    }
    for (const row of result.rows) {
      expect(row.median).toBeGreaterThan(0);
      expect(row.ratio).toBeGreaterThan(0);
    }
  });

  it("compares with a baseline", () => {
    const again = spawnSync(
      process.execPath,
      [
        "bench/run.mjs",
        "--quick",
        "--no-build",
        "--runs",
        "1",
        "--sizes",
        "40",
        "--baseline",
        json,
      ],
      { encoding: "utf8" },
    );
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/^against baseline: commit /m);
    expect(again.stdout).toMatch(/^node -e 0 +\d.* ms +\d.* ms +\d+\.\d\dx$/m);
  });
});
