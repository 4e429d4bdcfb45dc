import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { CliIo } from "../../src/cli/io.js";

function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    readFile: () => new Uint8Array(),
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    color: false,
  };
  const status = main(argv, io, "0.0.0");
  return { status, stdout, stderr };
}

describe("hvnest explain", () => {
  it("prints a rule's documentation from the rule file", () => {
    const { status, stdout } = run("explain", "hvn201");
    expect(status).toBe(0);
    expect(stdout).toContain(
      "HVN201 (error, rule): AMD host without nested virtualization support",
    );
    expect(stdout).toContain("Why (platform limit):");
    expect(stdout).toContain("Source: facts.md #2 and #3");
    expect(stdout).toContain("Failing example:\n  host H cpu amd os ws2016 < vm V nested >");
    expect(stdout).toMatch(/Fix: Run the host on os ws2022/);
  });

  it("says when a rule is policy", () => {
    expect(run("explain", "HVN203").stdout).toContain("Why (policy):");
  });

  it("explains syntax codes too", () => {
    const { status, stdout } = run("explain", "HVN104");
    expect(status).toBe(0);
    expect(stdout).toContain("HVN104 (error, syntax)");
  });

  it("exits 2 with the list of codes for an unknown code", () => {
    const { status, stdout, stderr } = run("explain", "HVN299");
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain('unknown code "HVN299"');
    expect(stderr).toContain("HVN207  nested VMs have no network path");
    expect(stderr).toContain("HVN101");
  });

  it("exits 2 without a code", () => {
    expect(run("explain").status).toBe(2);
  });
});
