// Topology values must reach PowerShell as inert data: a bundle built from hostile names
// has exactly the commands of a bundle built from plain ones, and each value survives
// as one string constant.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emitBundle, fileBytes } from "../../src/emit/bundle.js";
import type { Topology } from "../../src/ir/model.js";
import { host, nat, vm } from "./fixtures.js";

const PWSH = ".tools/pwsh/pwsh";

function topology(names: {
  vm: string;
  sw: string;
  netnat: string;
  path: string;
  leaf: string;
}): Topology {
  const leaf = vm(names.leaf, ["H", names.vm], {
    adapterSwitch: { value: "VM-NAT", reason: "x" },
    network: {
      ip: "192.168.100.10",
      prefixLength: 24,
      gateway: "192.168.100.254",
      dns: ["1.1.1.1"],
    },
  });
  const outer = vm(names.vm, ["H"], {
    nested: true,
    adapterSwitch: { value: names.sw, reason: "x" },
    macSpoofing: { value: true, reason: "x" },
    disks: { vhd: names.path, iso: names.path, newDiskMB: 1024 },
    nat: nat("192.168.100.0/24", "192.168.100.254", "VM-NAT", names.netnat),
    vms: [leaf],
  });
  return {
    schemaVersion: 1,
    source: "t.hvnest",
    hosts: [
      host("H", {
        path: names.path,
        switches: [{ name: names.sw, type: "external", adapter: names.sw }],
        vms: [outer],
      }),
    ],
  };
}

const HOSTILE = {
  vm: "x'; Remove-Item C:\\ -Recurse; '",
  sw: "\u2019; Write-Host pwned; \u2018",
  netnat: "$(Stop-Computer) `$x",
  path: "C:\\a'b\\\u201B\u201A.vhdx\n; Restart-Computer",
  leaf: "Лаб ' \u2019 # <# 実験",
};
const PLAIN = { vm: "Outer", sw: "Ext", netnat: "Nat", path: "C:\\a\\b.vhdx", leaf: "Leaf" };

const OPTIONS = { sourceName: "t.hvnest", sourceSha256: "0".repeat(64), compilerVersion: "0.0.0" };

function scripts(t: Topology): Map<string, string> {
  const files = emitBundle(t, OPTIONS).filter((f) => f.path.endsWith(".ps1"));
  // File names differ (sanitised); compare by position in run order instead.
  return new Map(files.map((f, i) => [String(i), Buffer.from(fileBytes(f)).toString("utf8")]));
}

describe.skipIf(!existsSync(PWSH))("hostile names", () => {
  it("add no command and survive as string constants", () => {
    const dir = mkdtempSync(join(tmpdir(), "hvnest-inj-"));
    try {
      const write = (prefix: string, map: Map<string, string>) =>
        [...map].map(([i, text]) => {
          const file = join(dir, `${prefix}-${i}.ps1`);
          writeFileSync(file, text);
          return file;
        });
      const hostile = write("hostile", scripts(topology(HOSTILE)));
      const plain = write("plain", scripts(topology(PLAIN)));
      const inspector = join(dir, "inspect.ps1");
      writeFileSync(
        inspector,
        [
          "foreach ($f in $args) {",
          "    $t = $null; $e = $null",
          "    $ast = [System.Management.Automation.Language.Parser]::ParseFile($f, [ref]$t, [ref]$e)",
          "    $commands = @($ast.FindAll({ param($a) $a -is [System.Management.Automation.Language.CommandAst] }, $true) | ForEach-Object { $_.GetCommandName() })",
          "    $strings = @($ast.FindAll({ param($a) $a -is [System.Management.Automation.Language.StringConstantExpressionAst] }, $true) | ForEach-Object { [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($_.Value)) })",
          "    [Console]::Out.WriteLine((ConvertTo-Json -Compress -InputObject @{ errors = $e.Count; commands = ($commands -join ','); strings = $strings }))",
          "}",
          "",
        ].join("\n"),
      );
      const run = spawnSync(
        PWSH,
        ["-NoProfile", "-NonInteractive", "-File", inspector, ...hostile, ...plain],
        {
          encoding: "utf8",
        },
      );
      const results = run.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { errors: number; commands: string; strings: string[] });
      expect(results).toHaveLength(hostile.length * 2);
      const half = hostile.length;
      for (let i = 0; i < half; i++) {
        expect(results[i]!.errors).toBe(0);
        expect(results[i]!.commands).toBe(results[half + i]!.commands);
      }
      const constants = new Set(
        results
          .slice(0, half)
          .flatMap((r) => r.strings.map((s) => Buffer.from(s, "base64").toString("utf8"))),
      );
      // Values with control characters are split around [char] codes; the rest are whole.
      for (const value of [HOSTILE.vm, HOSTILE.sw, HOSTILE.netnat, HOSTILE.leaf]) {
        expect(constants.has(value), value).toBe(true);
      }
      expect(constants.has("C:\\a'b\\\u201B\u201A.vhdx")).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
