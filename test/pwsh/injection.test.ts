// Hostile text in every string a topology carries (names, paths, adapters): the
// bundle builds or the compiler rejects the value with a diagnostic; every script
// parses and passes the static checks; the value appears only in single-quoted
// literals equal to it; run on a simulated machine, the script creates the oddly
// named objects and runs nothing else. Cases come from fast-check with a fixed seed
// and run in batches (one pwsh for the checks, one for the runs).
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Bundle,
  type CheckResult,
  checkScripts,
  cli,
  describeFindings,
  findMachine,
  installHint,
  pwshStatus,
  readBundle,
  runScenarios,
  type ScenarioResult,
  tempDir,
  removeTempDirs,
} from "./harness.js";
import { convergenceProblems, freshMachine } from "./machines.js";

// Bounded to keep the PowerShell part within about two minutes; raise it locally with
// HVNEST_PWSH_INJECTION_RUNS=200 for a deeper search.
const NUM_RUNS = Number(process.env.HVNEST_PWSH_INJECTION_RUNS ?? 16);

// Fragments that mean something to PowerShell, to Windows or to the compiler's own
// quoting: every quote PowerShell honours (U+2018..U+201B count as ' for it),
// subexpressions, variables, escapes, statement and pipeline separators, comment and
// here-string delimiters, wildcards, and non-ASCII text. Names avoid what HVN211
// rejects (\ / : * ? " < > | and control characters), so that most cases build.
const inName = [
  "'",
  "''",
  "\u2018",
  "\u2019",
  "\u201A",
  "\u201B",
  "\u201C",
  "\u201D",
  "$(",
  "$(Remove-Item -Path C -Recurse)",
  ")",
  "${",
  "${env}",
  "}",
  "$x",
  "`",
  "`n",
  "`$",
  ";",
  "; Restart-Computer;",
  "&",
  "#",
  "'@",
  "@'",
  "@(",
  "%",
  "[",
  "]",
  "[a-z]",
  " ",
  "é",
  "ß",
  "中文",
  "🙂",
  "-WhatIf",
  "--%",
];
// Paths may also carry what names may not.
const inPath = [
  ...inName,
  "|",
  '"',
  '"@',
  '@"',
  "<#",
  "#>",
  "${env:PATH}",
  "C:\\Windows",
  "\\server\\share",
  "..\\..",
];
// Each of these makes the compiler reject a name: the "rejected with a diagnostic" branch.
const rejected = ["|", '"@', "*", "?", "<", ">", "\n", "\t", ":", "/", "\\"];

const word = fc.stringMatching(/^[A-Za-z0-9]{1,4}$/);
const nameText = fc
  .array(
    fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...inName) }, { weight: 1, arbitrary: word }),
    { minLength: 1, maxLength: 4 },
  )
  .map((parts) => `${parts.join("")}z`);
const pathText = fc
  .array(
    fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...inPath) }, { weight: 1, arbitrary: word }),
    { minLength: 1, maxLength: 4 },
  )
  .map((parts) => parts.join(""));

const slots = [
  "host",
  "vm",
  "inner",
  "switch",
  "adapter",
  "natSwitch",
  "netnat",
  "path",
  "vhd",
  "iso",
] as const;
type Slot = (typeof slots)[number];
type Case = Record<Slot, string>;

/** Each value starts with its own marker, so any copy of it in a script can be found. */
function caseValues(raw: Record<Slot, string>, index: number): Case {
  const values = {} as Case;
  slots.forEach((slot, i) => {
    const marker = `Zq${index}k${i}Q`;
    const base = `${marker}${raw[slot]}`;
    values[slot] =
      slot === "path"
        ? `D:\\${base}`
        : slot === "vhd"
          ? `C:\\VHD\\${base}.vhdx`
          : slot === "iso"
            ? `C:\\ISO\\${base}.iso`
            : base;
  });
  return values;
}

const markersOf = (index: number) => slots.map((_, i) => `Zq${index}k${i}Q`);
const q = (value: string) => `'${value.replace(/'/g, "''")}'`;

function source(c: Case): string {
  return [
    `host ${q(c.host)} path ${q(c.path)} memory 64GB cpus 8 <`,
    `  vswitch ${q(c.switch)} external adapter ${q(c.adapter)}`,
    `  vm ${q(c.vm)} nested memory 8GB cpus 2 mac-spoofing on switch ${q(c.switch)} vhd ${q(c.vhd)} iso ${q(c.iso)} <`,
    `    nat 192.168.100.0/24 gw .254 switch ${q(c.natSwitch)} netnat ${q(c.netnat)}`,
    `    vm ${q(c.inner)} memory 2GB ip .10`,
    "  >",
    ">",
    "",
  ].join("\n");
}

function runCli(args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("close", (status) => done({ status, output }));
  });
}

/**
 * Cases kept whatever the seed: every quote kind at once, and what deeper random runs
 * found (a control character in an adapter name or a path).
 */
const fixedCases: Record<Slot, string>[] = [
  {
    host: "\u2018\u2019\u201A\u201B'z",
    vm: "x'; Remove-Item C -Recurse; 'z",
    inner: "$(Restart-Computer)${x}`$z",
    switch: "# '@ @' z",
    adapter: "Ethernet\t2",
    natSwitch: "NAT [1] ; z",
    netnat: "Local\u00A0NAT z",
    path: "Hyper-V\tVMs",
    vhd: 'base"@',
    iso: "win;|$(x)",
  },
];

interface Built {
  index: number;
  values: Case;
  status: number | null;
  output: string;
  bundle: Bundle | null;
}

const suite = pwshStatus === "present" ? describe : describe.skip;

afterAll(removeTempDirs);

if (pwshStatus === "missingUnderCi") {
  it("PowerShell is installed (CI=true makes a missing pwsh a failure)", () => {
    throw new Error(installHint);
  });
}

suite("hostile values in the topology", () => {
  const built: Built[] = [];
  let checks = new Map<string, CheckResult>();
  let runs = new Map<string, ScenarioResult>();

  beforeAll(async () => {
    const dir = tempDir("inject");
    const caseArb = fc.record({
      ...(Object.fromEntries(
        slots.map((slot) => [
          slot,
          slot === "path" || slot === "vhd" || slot === "iso" ? pathText : nameText,
        ]),
      ) as Record<Slot, fc.Arbitrary<string>>),
      // One case in five puts a character the compiler must reject into one name.
      spoil: fc.oneof(
        { weight: 4, arbitrary: fc.constant(null) },
        {
          weight: 1,
          arbitrary: fc.tuple(
            fc.constantFrom(...slots.filter((x) => !["path", "vhd", "iso"].includes(x))),
            fc.constantFrom(...rejected),
          ),
        },
      ),
    });
    const samples = [
      ...fixedCases,
      ...fc.sample(caseArb, { numRuns: NUM_RUNS, seed: 20261127 }).map(({ spoil, ...raw }) => {
        if (spoil) raw[spoil[0]] = `${raw[spoil[0]]}${spoil[1]}z`;
        return raw;
      }),
    ];
    // Two builds at a time: each is a node process start.
    const jobs = samples.map((raw, index) => async () => {
      const values = caseValues(raw, index);
      const file = join(dir, `case-${index}.hvnest`);
      writeFileSync(file, source(values));
      const out = join(dir, `case-${index}`);
      const { status, output } = await runCli(["build", file, "--out", out, "--force"]);
      built[index] = {
        index,
        values,
        status,
        output,
        bundle: status === 0 ? readBundle(out) : null,
      };
    });
    const workers = [0, 1].map(async () => {
      for (let job = jobs.shift(); job; job = jobs.shift()) await job();
    });
    await Promise.all(workers);
    const ok = built.filter((b) => b.bundle !== null);
    const files = ok.flatMap((b) => b.bundle!.scripts.map((s) => s.path));
    const markers = ok.flatMap((b) => markersOf(b.index));
    const values = ok.flatMap((b) => Object.values(b.values));
    checks = new Map(checkScripts(files, markers, values, true).map((r) => [r.path, r]));
    const scenarios = ok.flatMap((b) =>
      b.bundle!.scripts.map((s) => ({
        id: s.path,
        script: s.path,
        state: freshMachine(findMachine(b.bundle!.topology, s.machine), { roleInstalled: true }),
        steps: [{ action: "run" as const }, { action: "run" as const }],
      })),
    );
    runs = new Map((await runScenarios(scenarios, 2)).map((r) => [r.id, r]));
  }, 600_000);

  const show = (b: Built) => JSON.stringify(b.values);

  it("builds some bundles and has some values rejected (both branches are exercised)", () => {
    expect(built.filter((b) => b.status === 0).length).toBeGreaterThan(NUM_RUNS / 4);
    expect(built.filter((b) => b.status !== 0).length).toBeGreaterThan(0);
  });

  it("rejects a value only with a diagnostic that names its position", () => {
    for (const b of built.filter((x) => x.status !== 0)) {
      expect(b.status, `${show(b)}\n${b.output}`).toBe(1);
      expect(b.output, show(b)).toMatch(/HVN\d{3}/);
      expect(b.output, show(b)).toMatch(/case-\d+\.hvnest:\d+:\d+/);
    }
  });

  it("emits scripts that pass every static check, with values only as literals equal to them", () => {
    const problems: string[] = [];
    for (const b of built.filter((x) => x.bundle !== null)) {
      for (const s of b.bundle!.scripts) {
        const r = checks.get(s.path)!;
        problems.push(...describeFindings([r]).map((f) => `${f}\n  values: ${show(b)}`));
        if (r.literalHits === 0)
          problems.push(`${s.path}: no topology value appears as a literal\n  values: ${show(b)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("creates the oddly named objects on a simulated machine and runs nothing else", () => {
    const allowed = new Set([
      "New-VMSwitch",
      "New-VM",
      "Add-VMNetworkAdapter",
      "Rename-VMNetworkAdapter",
      "Set-VMMemory",
      "Set-VMProcessor",
      "Set-VM",
      "Set-VMNetworkAdapter",
      "Connect-VMNetworkAdapter",
      "Copy-Item",
      "Add-VMHardDiskDrive",
      "Add-VMDvdDrive",
      "Set-VMFirmware",
      "Enable-VMIntegrationService",
      "Start-VM",
      "New-NetIPAddress",
      "New-NetNat",
      "New-NetRoute",
      "Set-DnsClientServerAddress",
      "New-VHD",
      "New-Item",
    ]);
    const problems: string[] = [];
    for (const b of built.filter((x) => x.bundle !== null)) {
      for (const s of b.bundle!.scripts) {
        const r = runs.get(s.path)!;
        if (r.refused) {
          problems.push(`${s.file}: refused by the runner: ${r.refused}\n  values: ${show(b)}`);
          continue;
        }
        const [first, second] = r.runs;
        if (first!.exitCode !== 0 || first!.escapedError)
          problems.push(
            `${s.file}: exit ${first!.exitCode} ${first!.escapedError ?? ""}\n${first!.output.join("\n")}\n  values: ${show(b)}`,
          );
        const strange = first!.mutatingCalls
          .filter((c) => !allowed.has(c.command))
          .map((c) => c.command);
        if (strange.length > 0)
          problems.push(
            `${s.file}: unexpected commands ${strange.join(", ")}\n  values: ${show(b)}`,
          );
        if (second!.mutatingCalls.length > 0)
          problems.push(
            `${s.file}: the rerun changed ${second!.mutatingCalls.map((c) => c.command).join(", ")}\n  values: ${show(b)}`,
          );
        const node = findMachine(b.bundle!.topology, s.machine).node;
        for (const p of convergenceProblems(node, first!.state))
          problems.push(`${s.file}: ${p}\n  values: ${show(b)}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
