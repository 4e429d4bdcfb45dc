// Static checks of every script of every valid sample's bundle, built with the real
// CLI: parse, Windows PowerShell 5.1 syntax, commands and parameters as documented.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildSamples,
  type CheckResult,
  checkScripts,
  describeFindings,
  installHint,
  pwshStatus,
  removeTempDirs,
} from "./harness.js";

const suite = pwshStatus === "present" ? describe : describe.skip;

afterAll(removeTempDirs);

if (pwshStatus === "missingUnderCi") {
  it("PowerShell is installed (CI=true makes a missing pwsh a failure)", () => {
    throw new Error(installHint);
  });
}

const built = pwshStatus === "present" ? buildSamples() : { bundles: [], error: null };
const scripts = built.bundles.flatMap(({ sample, bundle }) =>
  bundle.scripts.map((s) => ({ sample, ...s })),
);

suite("static checks of the generated scripts", () => {
  let results: Map<string, CheckResult>;

  beforeAll(() => {
    results = new Map(
      checkScripts(
        scripts.map((s) => s.path),
        [],
        [],
        true,
      ).map((r) => [r.path, r]),
    );
  }, 120_000);

  it("builds every valid sample", () => {
    expect(built.error).toBeNull();
    expect(scripts.length).toBeGreaterThan(0);
  });

  it.each(scripts.map((s) => [`${s.sample}/${s.file}`, s.path] as const))(
    "%s passes every static check",
    (_name, path) => {
      expect(describeFindings([results.get(path)!])).toEqual([]);
    },
  );
});
