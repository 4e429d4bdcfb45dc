// The static checker proves each of its checks can fail: one deliberately broken
// script per check, plus scripts that must pass untouched.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CheckResult,
  checkScripts,
  installHint,
  pwshStatus,
  tempDir,
  removeTempDirs,
} from "./harness.js";

const BOM = "\uFEFF";

/** A script that follows the conventions around the snippet under test. */
function script(body: string): string {
  return `${BOM}[CmdletBinding(SupportsShouldProcess = $true)]\nparam([switch]$Verify)\nSet-StrictMode -Version 2.0\n${body}\nexit 0\n`;
}

const broken: [string, string, string][] = [
  ["parse-error", "unclosed function", "function Get-Foo {\n"],
  ["ps7-syntax", "ternary", "$a = $Verify ? 1 : 2"],
  ["ps7-syntax", "pipeline chain &&", "Get-VM -Name 'a' && Write-Host -Object 'b'"],
  ["ps7-syntax", "pipeline chain ||", "Get-VM -Name 'a' || Write-Host -Object 'b'"],
  ["ps7-syntax", "null-coalescing", "$a = $null ?? 1"],
  ["ps7-syntax", "null-coalescing assignment", "$a = $null\n$a ??= 1"],
  ["ps7-syntax", "null-conditional member", "$a = $null\n$b = ${a}?.Name"],
  ["ps7-syntax", "null-conditional index", "$a = $null\n$b = ${a}?[0]"],
  ["ps7-syntax", "line starting with a pipe", "Get-VM\n    | Write-Output"],
  ["ps7-syntax", "clean block", "function Get-Foo {\n  process { 1 }\n  clean { 2 }\n}"],
  ["ps7-syntax", "#Requires -Version 7", "#Requires -Version 7.0\nGet-VM"],
  ["ps7-syntax", "#Requires -PSEdition Core", "#Requires -PSEdition Core\nGet-VM"],
  ["alias", "alias gci", "gci"],
  ["alias", "alias %", "1..3 | % { $_ }"],
  ["forbidden-command", "Invoke-Expression", "Invoke-Expression -Command 'Get-VM'"],
  ["forbidden-command", "Add-Type", "Add-Type -TypeDefinition 'public class A {}'"],
  ["forbidden-command", "Invoke-WebRequest", "Invoke-WebRequest -Uri 'https://example.com'"],
  ["forbidden-command", "Invoke-RestMethod", "Invoke-RestMethod -Uri 'https://example.com'"],
  [
    "forbidden-command",
    "Start-BitsTransfer",
    "Start-BitsTransfer -Source 'https://example.com/a' -Destination 'C:\\a'",
  ],
  ["forbidden-command", "Install-Module", "Install-Module -Name 'Hyper-V'"],
  ["runtime-code", "[scriptblock]::Create", "$b = [scriptblock]::Create('Get-VM')"],
  [
    "runtime-code",
    "NewScriptBlock",
    "$b = $ExecutionContext.InvokeCommand.NewScriptBlock('Get-VM')",
  ],
  ["network-type", "New-Object Net.WebClient", "$c = New-Object -TypeName 'System.Net.WebClient'"],
  ["network-type", "[Net.WebClient]", "$c = [Net.WebClient]::new()"],
  [
    "windows-only-type",
    "WindowsIdentity",
    "$i = [Security.Principal.WindowsIdentity]::GetCurrent()",
  ],
  ["windows-only-type", "[wmi] accelerator", "$o = [wmi]'Win32_OperatingSystem'"],
  [
    "windows-only-type",
    "System.Management (WMI)",
    "$s = [System.Management.ManagementObjectSearcher]::new('x')",
  ],
  ["module-qualified", "module-qualified call", "Hyper-V\\Get-VM -Name 'a'"],
  ["dynamic-command", "call through a variable", "$c = 'Get-VM'\n& $c"],
  ["dynamic-command", "call through an expression", "& ('Get-' + 'VM')"],
  ["unknown-command", "undocumented Wait-VM", "Wait-VM -Name 'a'"],
  ["unknown-command", "unknown command", "Get-Frobnicator -Name 'a'"],
  ["unknown-parameter", "abbreviated parameter", "Get-VM -Nam 'a'"],
  [
    "unknown-parameter",
    "abbreviated parameter of Set-VMProcessor",
    "Set-VMProcessor -VMName 'a' -Expose $true",
  ],
  ["unknown-parameter", "common parameter alias -ea", "Get-VM -Name 'a' -ea Stop"],
  [
    "unknown-parameter",
    "unknown parameter of a script function",
    "function Set-Foo { param([string]$Name) }\nSet-Foo -Nme 'a'",
  ],
  [
    "unknown-parameter",
    "splatted key a script function lacks",
    "function Set-Foo { param([string]$Name) }\n$p = @{ Nme = 'a' }\nSet-Foo @p",
  ],
  ["parameter-alias", "parameter alias", "Get-VM -VMName 'a'"],
  [
    "parameter-set",
    "mandatory parameter missing",
    "Set-VMProcessor -ExposeVirtualizationExtensions $true",
  ],
  ["parameter-set", "parameters of two sets", "New-VM -Name 'a' -NoVHD -VHDPath 'C:\\a.vhdx'"],
  ["parameter-set", "too many positional arguments", "Get-VM 'a' 'b'"],
  ["splatting", "splatting into a cmdlet", "$p = @{ Name = 'a' }\nGet-VM @p"],
  [
    "splatting",
    "splatting a computed hashtable into a function",
    "function Set-Foo { param([string]$Name) }\n$p = Get-Foo\nSet-Foo @p",
  ],
];

const clean = `${BOM}#Requires -Version 5.1
[CmdletBinding(SupportsShouldProcess = $true)]
param([switch]$Verify)
Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'

function Invoke-Step {
    param([string]$Name, [scriptblock]$Test)
    if (& $Test) { Write-Host -Object ('[in state] {0}' -f $Name) }
}

function Set-Vm {
    param([string]$Name, [long]$MemoryStartupBytes)
    $vm = @(foreach ($item in @(Get-VM)) { if ($item.Name -eq $Name) { $item } })
    Invoke-Step -Name $Name -Test { $vm.Count -eq 1 }
}

$settings = @{ Name = 'Lab VM'; MemoryStartupBytes = 4GB }
Set-Vm @settings
Get-VM 'positional name' -ErrorAction SilentlyContinue | Out-Null
Get-VMNetworkAdapter -VMName 'Lab VM' | Set-VMNetworkAdapter -MacAddressSpoofing On
New-VM -Name 'Lab VM' -Generation 2 -Version '8.0' -MemoryStartupBytes 4GB -NoVHD -WhatIf
$os = Get-CimInstance -ClassName Win32_OperatingSystem
$ip = [System.Net.IPAddress]::Parse('192.168.100.254')
$credential = [System.Management.Automation.PSCredential]$null
Get-VM | Where-Object { $_.State -eq 'Off' } | ForEach-Object { Write-Host -Object $_.Name }
exit 0
`;

const shaped = `${BOM}#Requires -RunAsAdministrator
#Requires -Version 5.1
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [switch]$Verify,
    [switch]$AllowRestart,
    [switch]$AllowVmRestart
)
Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'

$HvnBuild = @{ Source = 'a.hvnest'; SourceSha256 = '00'; Machine = 'HV01'; Layer = 1; Kind = 'physical-host' }
exit 0
`;

const suite = pwshStatus === "present" ? describe : describe.skip;

afterAll(removeTempDirs);

if (pwshStatus === "missingUnderCi") {
  it("PowerShell is installed (CI=true makes a missing pwsh a failure)", () => {
    throw new Error(installHint);
  });
}

suite("static checker (test/powershell/Test-HvnScript.ps1)", () => {
  let results: Map<string, CheckResult>;
  let shapeResults: Map<string, CheckResult>;
  const dir = tempDir("checker");
  const files: Record<string, string> = {};

  beforeAll(() => {
    const write = (name: string, text: string) => {
      const path = join(dir, `${name}.ps1`);
      writeFileSync(path, text);
      files[name] = path;
    };
    write("clean", clean);
    broken.forEach(([, , body], i) => write(`broken-${i}`, script(body)));
    write("no-bom", script("Get-VM").slice(1));
    write("crlf", script("Get-VM").replace(/\n/g, "\r\n"));
    write("trailing-space", script("Get-VM   "));
    write("no-final-newline", script("Get-VM").replace(/\n$/, ""));
    write("leak-comment", script("# VM HVNMARK1\nNew-VM -Name 'HVNMARK1' -NoVHD"));
    write("leak-expandable", script('Write-Host -Object "VM HVNMARK1"'));
    write("leak-embedded", script("New-VM -Name 'HVNMARK1$x' -NoVHD"));
    write(
      "inert",
      script("New-VM -Name 'HVNMARK1' -NoVHD\nWrite-Host -Object ('VM {0}' -f 'HVNMARK1')"),
    );
    write("inert-file-name", script("New-VHD -Path 'HVNMARK1_x.vhdx' -SizeBytes 1"));
    write("leak-file-name", script("New-VHD -Path 'HVNMARK1$x.vhdx' -SizeBytes 1"));
    write("inert-control", script("New-VM -Name ('' + 'HVNMARK1' + [char]9 + 'x') -NoVHD"));
    write("leak-control-variable", script("New-VM -Name ('' + 'HVNMARK1y' + [char]9 + $x) -NoVHD"));
    write(
      "leak-control-other-value",
      script("New-VM -Name ('' + 'HVNMARK1z' + [char]10 + 'x') -NoVHD"),
    );
    const checked = checkScripts(Object.values(files), ["HVNMARK1"], ["HVNMARK1", "HVNMARK1\tx"]);
    results = new Map(checked.map((r) => [r.path, r]));
    write("shapeless", script("Get-VM"));
    write("shaped", shaped);
    shapeResults = new Map(
      checkScripts([files.shapeless!, files.shaped!], [], [], true).map((r) => [r.path, r]),
    );
  }, 120_000);

  const rulesOf = (name: string) => results.get(files[name]!)!.findings.map((f) => f.rule);

  it("checks the shape of a generated script when asked", () => {
    const shapeless = shapeResults
      .get(files.shapeless!)!
      .findings.filter((f) => f.rule === "shape")
      .map((f) => f.message);
    expect(shapeless).toEqual(
      expect.arrayContaining([
        "no #Requires -RunAsAdministrator",
        "no #Requires -Version 5.1",
        "no [switch]$AllowRestart parameter",
        "no $ErrorActionPreference = 'Stop' at the top level",
        "$HvnBuild lacks Machine",
      ]),
    );
    expect(shapeResults.get(files.shaped!)!.findings).toEqual([]);
  });

  it("accepts a script that follows the conventions", () => {
    expect(results.get(files.clean!)!.findings).toEqual([]);
  });

  it.each(broken.map(([rule, what], i) => [what, rule, i] as const))(
    "catches %s (%s)",
    (_what, rule, i) => {
      expect(rulesOf(`broken-${i}`)).toContain(rule);
    },
  );

  it.each(["no-bom", "crlf", "trailing-space", "no-final-newline"])(
    "catches the byte-level problem %s",
    (name) => {
      expect(rulesOf(name)).toContain("bytes");
    },
  );

  it.each([
    "leak-comment",
    "leak-expandable",
    "leak-embedded",
    "leak-control-variable",
    "leak-control-other-value",
  ])("catches a value outside a literal: %s", (name) => {
    expect(rulesOf(name)).toContain("value-leak");
  });

  it("accepts a file name derived from a value with inert characters only", () => {
    expect(results.get(files["inert-file-name"]!)!.findings).toEqual([]);
  });

  it("accepts a value with a control character in the ('' + '...' + [char]N) form", () => {
    const r = results.get(files["inert-control"]!)!;
    expect(r.findings).toEqual([]);
    expect(r.literalHits).toBeGreaterThan(0);
  });

  it("accepts a value that appears only as single-quoted literals equal to it", () => {
    const r = results.get(files.inert!)!;
    expect(r.findings).toEqual([]);
    expect(r.literalHits).toBe(2);
  });
});
