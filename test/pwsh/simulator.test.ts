// The simulated machine: its commands carry documented parameter names, and it
// behaves like Windows where a generated script could go wrong.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cmdletsPath,
  installHint,
  psDir,
  pwsh,
  pwshStatus,
  runScenarios,
  type Scenario,
  type ScenarioResult,
  type SimState,
  tempDir,
  removeTempDirs,
} from "./harness.js";
import { freshMachine } from "./machines.js";

const host = {
  kind: "host" as const,
  name: "SIM01",
  os: "ws2016",
  edition: "datacenter",
  cpu: "intel" as const,
  memoryMB: 65536,
  cpus: 8,
  path: null,
  switches: [],
  nat: null,
  vms: [],
};

function machine(overrides: Partial<Record<string, unknown>> = {}, roleInstalled = true): SimState {
  const state = freshMachine({ node: host, host }, { roleInstalled });
  Object.assign(state.machine, overrides);
  return state;
}

const header =
  "[CmdletBinding(SupportsShouldProcess = $true)]\nparam([switch]$Verify)\n$ErrorActionPreference = 'Stop'\n";

/** Each case: a small script, the machine it runs on, and what must hold afterwards. */
const cases: { id: string; body: string; state?: SimState; steps?: Scenario["steps"] }[] = [
  {
    id: "expose-running",
    body: "New-VM -Name 'a' -Generation 2 -NoVHD | Out-Null\nStart-VM -Name 'a'\ntry { Set-VMProcessor -VMName 'a' -ExposeVirtualizationExtensions $true; exit 0 } catch { Write-Host -Object $_.Exception.Message; exit 1 }",
  },
  {
    id: "expose-off",
    body: "New-VM -Name 'a' -Generation 2 -NoVHD | Out-Null\nSet-VMProcessor -VMName 'a' -ExposeVirtualizationExtensions $true\nexit 0",
  },
  {
    id: "duplicate-vm",
    body: "New-VM -Name 'a' -NoVHD | Out-Null\nNew-VM -Name 'a' -NoVHD | Out-Null\nexit @(Get-VM -Name 'a').Count",
  },
  {
    id: "second-netnat",
    body: "New-NetNat -Name 'one' -InternalIPInterfaceAddressPrefix '10.0.0.0/24' | Out-Null\ntry { New-NetNat -Name 'two' -InternalIPInterfaceAddressPrefix '10.0.1.0/24' | Out-Null; exit 0 } catch { Write-Host -Object $_.Exception.Message; exit 1 }",
  },
  {
    id: "address-exists",
    body: "New-VMSwitch -Name 'n' -SwitchType Internal | Out-Null\nNew-NetIPAddress -IPAddress '10.0.0.1' -PrefixLength 24 -InterfaceAlias 'vEthernet (n)' | Out-Null\ntry { New-NetIPAddress -IPAddress '10.0.0.1' -PrefixLength 24 -InterfaceAlias 'vEthernet (n)' | Out-Null; exit 0 } catch { Write-Host -Object $_.Exception.Message; exit 1 }",
  },
  {
    id: "role-restart",
    state: machine({}, false),
    body: "try { Get-VM | Out-Null; Write-Host -Object 'get-vm worked' } catch { Write-Host -Object 'no hyper-v yet' }\n$r = Install-WindowsFeature -Name 'Hyper-V' -IncludeManagementTools\nWrite-Host -Object ('restart needed: ' + $r.RestartNeeded)\nWrite-Host -Object ('state: ' + (Get-WindowsFeature -Name 'Hyper-V').InstallState)\nexit 3010",
    steps: [{ action: "run" }, { action: "restart" }, { action: "run" }],
  },
  {
    id: "cpu-profile",
    state: machine({
      cpu: {
        Manufacturer: "AuthenticAMD",
        VirtualizationFirmwareEnabled: true,
        SecondLevelAddressTranslationExtensions: true,
        VMMonitorModeExtensions: true,
      },
      hypervisorPresent: false,
    }),
    body: "$c = Get-CimInstance -ClassName Win32_Processor\n$o = Get-CimInstance -ClassName Win32_OperatingSystem\nWrite-Host -Object ('{0} {1} {2} {3}' -f $c.Manufacturer, $c.VMMonitorModeExtensions, $o.BuildNumber, $o.ProductType)\nexit 0",
  },
  {
    id: "stop-graceful",
    body: "New-VM -Name 'a' -NoVHD | Out-Null\nNew-VM -Name 'b' -NoVHD | Out-Null\nStart-VM -Name 'a'\nStart-VM -Name 'b'\nStop-VM -Name 'a'\nStop-VM -Name 'b' -TurnOff\nexit 0",
  },
  {
    id: "fault",
    body: "try { New-VM -Name 'a' -NoVHD | Out-Null; New-VM -Name 'b' -NoVHD | Out-Null; exit 0 } catch { Write-Host -Object $_.Exception.Message; exit 1 }",
    steps: [{ action: "run", faultAt: 2 }],
  },
  {
    id: "whatif-recorded",
    body: "New-VM -Name 'a' -NoVHD | Out-Null\nexit 0",
    steps: [{ action: "run", args: { WhatIf: true } }],
  },
  {
    id: "wildcard-name",
    body: "New-VM -Name 'web1' -NoVHD | Out-Null\nexit @(Get-VM -Name 'web*').Count",
  },
  { id: "refused-native", body: "shutdown -r now\nexit 0" },
  {
    id: "refused-qualified",
    body: "Microsoft.PowerShell.Management\\Restart-Computer -Force\nexit 0",
  },
  { id: "refused-dotnet", body: "[System.IO.File]::Delete('/tmp/hvnest-never')\nexit 0" },
];

const suite = pwshStatus === "present" ? describe : describe.skip;

afterAll(removeTempDirs);

if (pwshStatus === "missingUnderCi") {
  it("PowerShell is installed (CI=true makes a missing pwsh a failure)", () => {
    throw new Error(installHint);
  });
}

suite("simulated machine (test/powershell/HvnSim.psm1)", () => {
  let results: Map<string, ScenarioResult>;

  beforeAll(async () => {
    const dir = tempDir("sim");
    const scenarios = cases.map((c) => {
      const path = join(dir, `${c.id}.ps1`);
      writeFileSync(path, `\uFEFF${header}${c.body}\n`);
      return {
        id: c.id,
        script: path,
        state: c.state ?? machine(),
        steps: c.steps ?? [{ action: "run" as const }],
      };
    });
    results = new Map((await runScenarios(scenarios)).map((r) => [r.id, r]));
  }, 120_000);

  const run = (id: string, i = 0) => results.get(id)!.runs[i]!;

  it("gives every simulated cmdlet only documented parameter names, switches where documented", () => {
    const command =
      `Import-Module -Name '${join(psDir, "HvnSim.psm1")}'; ` +
      "Get-Command -Module HvnSim | ForEach-Object { [pscustomobject]@{ name = $_.Name; parameters = @($_.Parameters.Keys); switches = @($_.Parameters.Values | Where-Object { $_.SwitchParameter } | ForEach-Object { $_.Name }) } } | ConvertTo-Json -Depth 3";
    const out = spawnSync(pwsh!, ["-NoLogo", "-NoProfile", "-Command", command], {
      encoding: "utf8",
    });
    const commands = JSON.parse(out.stdout) as {
      name: string;
      parameters: string[];
      switches: string[];
    }[];
    const doc = JSON.parse(readFileSync(cmdletsPath, "utf8")) as {
      commonParameterNames: string[];
      cmdlets: Record<
        string,
        { parameterSets: { parameters: { name: string; switch: boolean }[] }[] }
      >;
    };
    const undocumented: string[] = [];
    let checked = 0;
    for (const c of commands) {
      const entry = doc.cmdlets[c.name];
      if (entry === undefined) {
        expect(c.name, "only the simulator's own controls may be undocumented").toMatch(/-HvnSim/);
        continue;
      }
      checked++;
      const names = new Set(entry.parameterSets.flatMap((s) => s.parameters.map((p) => p.name)));
      const switches = new Set(
        entry.parameterSets.flatMap((s) => s.parameters.filter((p) => p.switch).map((p) => p.name)),
      );
      for (const p of c.parameters) {
        if (names.has(p) && switches.has(p) !== c.switches.includes(p))
          undocumented.push(`${c.name} -${p}: switch or not, unlike its documentation`);
      }
      for (const p of c.parameters) {
        // ProgressAction is a common parameter PowerShell 7.4 adds to every advanced function.
        if (!names.has(p) && !doc.commonParameterNames.includes(p) && p !== "ProgressAction")
          undocumented.push(`${c.name} -${p}`);
      }
    }
    expect(undocumented).toEqual([]);
    expect(checked).toBeGreaterThan(60);
  });

  it("fails Set-VMProcessor -ExposeVirtualizationExtensions on a running VM", () => {
    expect(run("expose-running").exitCode).toBe(1);
    expect(run("expose-running").output.join("\n")).toMatch(/must be Off/);
    expect(results.get("expose-running")!.state.vms[0]!.expose).toBe(false);
    expect(run("expose-off").exitCode).toBe(0);
    expect(results.get("expose-off")!.state.vms[0]!.expose).toBe(true);
  });

  it("creates a second VM of the same name, as Hyper-V does", () => {
    expect(run("duplicate-vm").exitCode).toBe(2);
  });

  it("refuses a second NetNat on WS2016", () => {
    expect(run("second-netnat").exitCode).toBe(1);
    expect(run("second-netnat").output.join("\n")).toMatch(/parameter is incorrect/);
  });

  it('answers "already exists" to a second New-NetIPAddress', () => {
    expect(run("address-exists").exitCode).toBe(1);
    expect(run("address-exists").output.join("\n")).toMatch(/already exists/);
  });

  it("activates the Hyper-V role only after a restart", () => {
    expect(run("role-restart", 0).output).toEqual([
      "no hyper-v yet",
      "restart needed: Yes",
      "state: InstallPending",
    ]);
    expect(run("role-restart", 1).output).toEqual([
      "get-vm worked",
      "restart needed: No",
      "state: Installed",
    ]);
  });

  it("answers CIM queries from the machine profile", () => {
    expect(run("cpu-profile").output).toEqual(["AuthenticAMD True 14393 3"]);
  });

  it("shuts down gracefully unless -TurnOff, and records every mutating call", () => {
    const vms = results.get("stop-graceful")!.state.vms;
    expect(vms.map((v) => [v.name, v.state, v["lastStop"]])).toEqual([
      ["a", "Off", "ShutDown"],
      ["b", "Off", "TurnOff"],
    ]);
    expect(run("stop-graceful").mutatingCalls.map((c) => c.command)).toEqual([
      "New-VM",
      "New-VM",
      "Start-VM",
      "Start-VM",
      "Stop-VM",
      "Stop-VM",
    ]);
  });

  it("fails the Nth mutating call when a fault is injected", () => {
    expect(run("fault").exitCode).toBe(1);
    expect(run("fault").output.join("\n")).toMatch(/injected fault at mutating call 2 \(New-VM\)/);
    expect(results.get("fault")!.state.vms.map((v) => v.name)).toEqual(["a"]);
  });

  it("records a mutating call even under -WhatIf (the conventions forbid calling one)", () => {
    expect(run("whatif-recorded").mutatingCalls.map((c) => c.command)).toEqual(["New-VM"]);
  });

  it("reads -Name as a wildcard pattern, as the Get- cmdlets do", () => {
    expect(run("wildcard-name").exitCode).toBe(1);
  });

  it("refuses to run a script that could reach a real command of this machine", () => {
    expect(results.get("refused-native")!.refused).toMatch(/shutdown/);
    expect(results.get("refused-qualified")!.refused).toMatch(/not a plain name/);
    expect(results.get("refused-dotnet")!.refused).toMatch(/static call/);
  });
});
