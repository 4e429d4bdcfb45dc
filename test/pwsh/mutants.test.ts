// The execution checks can fail: a real generated script with one deliberate defect
// (a mutant) is caught by the same assertions the execution suite makes.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildSamples,
  findMachine,
  installHint,
  pwshStatus,
  runScenarios,
  type ScenarioResult,
  tempDir,
  removeTempDirs,
} from "./harness.js";
import { convergenceProblems, freshMachine } from "./machines.js";

const suite = pwshStatus === "present" ? describe : describe.skip;

afterAll(removeTempDirs);

if (pwshStatus === "missingUnderCi") {
  it("PowerShell is installed (CI=true makes a missing pwsh a failure)", () => {
    throw new Error(installHint);
  });
}

/** Each mutant: a regular expression on the script text and its replacement. */
const mutants: { id: string; find: RegExp; replace: string }[] = [
  {
    id: "no ShouldProcess guard",
    find: /if \(-not \$script:HvnCmdlet\.ShouldProcess\(\$Subject, \$Description\)\)/,
    replace: "if ($false)",
  },
  {
    id: "processor count never checked",
    find: /(function Test-HvnVmProcessorCount \{\n\s+param\([^)]*\)\n)/,
    replace: "$1    return $true\n",
  },
  { id: "no exit code", find: /\nexit \$HvnExitCode\n/, replace: "\n" },
  { id: "hard power-off", find: /Stop-VM -VM/g, replace: "Stop-VM -TurnOff -VM" },
];

suite("the execution checks catch broken scripts", () => {
  const results = new Map<string, ScenarioResult>();
  const built = pwshStatus === "present" ? buildSamples() : { bundles: [], error: null };
  const bundle = built.bundles.find((b) => b.sample === "article-nat")?.bundle;
  const script = bundle?.scripts.find((s) => s.layer === 1);

  beforeAll(async () => {
    const dir = tempDir("mutants");
    const original = readFileSync(script!.path, "utf8");
    const located = findMachine(bundle!.topology, script!.machine);
    const scenarios = mutants.map((m, i) => {
      const text = original.replace(m.find, m.replace);
      if (text === original)
        throw new Error(`mutant "${m.id}" no longer applies to the emitted script`);
      const path = join(dir, `mutant-${i}.ps1`);
      writeFileSync(path, text);
      const state = freshMachine(located, { roleInstalled: true });
      const steps =
        m.id === "hard power-off"
          ? [
              { action: "run" as const },
              { action: "patch" as const, path: ["vms", 0, "expose"], value: false },
              { action: "run" as const, args: { AllowVmRestart: true } },
            ]
          : [{ action: "run" as const, args: { WhatIf: true } }, { action: "run" as const }];
      return { id: m.id, script: path, state, steps };
    });
    for (const r of await runScenarios(scenarios)) results.set(r.id, r);
  }, 120_000);

  it("finds the sample script the mutants apply to", () => {
    expect(script).toBeDefined();
  });

  it("sees mutating calls under -WhatIf when the ShouldProcess guard is gone", () => {
    expect(results.get("no ShouldProcess guard")!.runs[0]!.mutatingCalls.length).toBeGreaterThan(0);
  });

  it("sees a machine that differs from the topology when a check always passes", () => {
    const node = findMachine(bundle!.topology, script!.machine).node;
    const problems = convergenceProblems(
      node,
      results.get("processor count never checked")!.runs[1]!.state,
    );
    expect(problems.join("\n")).toMatch(/vCPUs/);
  });

  it("sees a run that ends without an exit code", () => {
    expect(results.get("no exit code")!.runs[1]!.exitCode).not.toBe(0);
  });

  it("sees Stop-VM -TurnOff", () => {
    const calls = results.get("hard power-off")!.runs[1]!.mutatingCalls;
    expect(calls.some((c) => c.command === "Stop-VM" && c.parameters["TurnOff"] === true)).toBe(
      true,
    );
  });
});
