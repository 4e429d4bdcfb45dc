import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// Without pwsh the PowerShell suites skip and say how to install it; under CI=true they fail.
// Runs one suite in a child vitest with HVNEST_PWSH=none, which hides any installed pwsh.
function runSuiteWithoutPwsh(ci: boolean) {
  const env: NodeJS.ProcessEnv = { ...process.env, HVNEST_PWSH: "none", NO_COLOR: "1" };
  delete env["CI"];
  delete env["VITEST"];
  if (ci) env["CI"] = "true";
  const run = spawnSync(
    process.execPath,
    ["node_modules/vitest/vitest.mjs", "run", "test/pwsh/checker.test.ts"],
    { env, encoding: "utf8", timeout: 60_000 },
  );
  return { status: run.status, output: run.stdout + run.stderr };
}

describe("PowerShell suites without pwsh", () => {
  it("skip with the install command when not under CI", () => {
    const { status, output } = runSuiteWithoutPwsh(false);
    expect(status).toBe(0);
    expect(output).toMatch(/skipped/);
    expect(output).toContain("scripts/install-pwsh.sh");
  });

  it("fail under CI=true", () => {
    const { status, output } = runSuiteWithoutPwsh(true);
    expect(status).not.toBe(0);
    expect(output).toContain("PowerShell 7.6.9 is not installed");
  });
});
