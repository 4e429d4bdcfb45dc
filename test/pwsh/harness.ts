// Drives PowerShell for the suites in test/pwsh: finds pwsh, builds bundles with the
// real CLI, runs the static checker and the scenario runner (one pwsh process per
// batch, since a pwsh start costs about half a second).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const root = resolve(import.meta.dirname, "../..");
export const psDir = join(root, "test/powershell");
export const cmdletsPath = resolve(root, "../shared/powershell/cmdlets.json");

export const installHint =
  "PowerShell 7.6.9 is not installed, so the PowerShell suites were skipped. Install it with " +
  "`scripts/install-pwsh.sh` (runs `dotnet tool install --tool-path .tools/pwsh PowerShell --version 7.6.9`) " +
  "or put pwsh on PATH.";

/** HVNEST_PWSH names the pwsh to use, or "none" to act as if PowerShell were absent. */
function findPwsh(): string | null {
  const chosen = process.env.HVNEST_PWSH;
  if (chosen === "none") return null;
  if (chosen) return chosen;
  const local = join(root, ".tools/pwsh/pwsh");
  if (existsSync(local)) return local;
  const which = spawnSync("sh", ["-c", "command -v pwsh"], { encoding: "utf8" });
  const found = which.stdout.trim();
  return which.status === 0 && found !== "" ? found : null;
}

export const pwsh = findPwsh();

/**
 * Whether the PowerShell suites run. Under CI a missing pwsh is a failure, not a skip:
 * the caller turns `missingUnderCi` into a failing test.
 */
export const pwshStatus: "present" | "skip" | "missingUnderCi" =
  pwsh !== null ? "present" : process.env.CI === "true" ? "missingUnderCi" : "skip";

if (pwshStatus === "skip") console.warn(`[hvnest] ${installHint}`);

const created: string[] = [];

/** Each test file calls this in afterAll; HVNEST_KEEP_TEMP=1 keeps the folders for a look. */
export function removeTempDirs(): void {
  if (process.env.HVNEST_KEEP_TEMP === "1") return;
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `hvnest-pwsh-${prefix}-`));
  created.push(dir);
  return dir;
}

function runPwshFile(script: string, args: string[], timeoutMs: number): void {
  if (pwsh === null) throw new Error(installHint);
  const result = spawnSync(
    pwsh,
    ["-NoLogo", "-NoProfile", "-NonInteractive", "-File", join(psDir, script), ...args],
    {
      encoding: "utf8",
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (result.status !== 0) {
    throw new Error(
      `pwsh ${script} failed (${result.status ?? result.signal}): ${result.stderr}\n${result.stdout}`,
    );
  }
}

async function runPwshFileAsync(script: string, args: string[], timeoutMs: number): Promise<void> {
  if (pwsh === null) throw new Error(installHint);
  const child = spawn(
    pwsh,
    ["-NoLogo", "-NoProfile", "-NonInteractive", "-File", join(psDir, script), ...args],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const code = await new Promise<number | null>((done) => child.on("close", done));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`pwsh ${script} failed (${code}): ${output}`);
}

// ---- static checker ---------------------------------------------------------------

export interface Finding {
  rule: string;
  line: number;
  column: number;
  message: string;
}

export interface CheckResult {
  path: string;
  findings: Finding[];
  literalHits: number;
}

/** `shape`: also check the script shape docs/script-conventions.md gives generated scripts. */
export function checkScripts(
  files: string[],
  markers: string[] = [],
  values: string[] = [],
  shape = false,
): CheckResult[] {
  const dir = tempDir("check");
  const request = join(dir, "request.json");
  const resultPath = join(dir, "result.json");
  writeFileSync(request, JSON.stringify({ cmdletsPath, files, markers, values, shape }));
  runPwshFile("Test-HvnScript.ps1", ["-RequestPath", request, "-ResultPath", resultPath], 120_000);
  return JSON.parse(readFileSync(resultPath, "utf8")) as CheckResult[];
}

export function describeFindings(results: CheckResult[]): string[] {
  return results.flatMap((r) =>
    r.findings.map((f) => `${r.path}:${f.line}:${f.column} [${f.rule}] ${f.message}`),
  );
}

// ---- scenarios ----------------------------------------------------------------------

export type Step =
  | { action: "run"; args?: Record<string, boolean>; faultAt?: number }
  | { action: "restart" }
  | { action: "patch"; path: (string | number)[]; value: unknown };

export interface Scenario {
  id: string;
  script: string;
  state: SimState;
  steps: Step[];
}

export interface MutatingCall {
  n: number;
  command: string;
  parameters: Record<string, unknown>;
  ok: boolean;
}

export interface Run {
  exitCode: number | null;
  output: string[];
  mutatingCalls: MutatingCall[];
  escapedError: string | null;
  restartRequested: boolean;
  /** The machine right after this run. */
  state: SimState;
}

export interface ScenarioResult {
  id: string;
  refused: string | null;
  runs: Run[];
  state: SimState;
}

/** Runs scenarios in `shards` pwsh processes at once; results keep the input order. */
export async function runScenarios(scenarios: Scenario[], shards = 1): Promise<ScenarioResult[]> {
  const dir = tempDir("run");
  const groups: Scenario[][] = Array.from(
    { length: Math.max(1, Math.min(shards, scenarios.length)) },
    () => [],
  );
  scenarios.forEach((s, i) => groups[i % groups.length]!.push(s));
  const outputs = await Promise.all(
    groups.map(async (group, g) => {
      const request = join(dir, `request-${g}.json`);
      const resultPath = join(dir, `result-${g}.json`);
      const withState = group.map((s, i) => ({
        ...s,
        statePath: join(dir, `state-${g}-${i}.json`),
      }));
      writeFileSync(request, JSON.stringify({ scenarios: withState }));
      await runPwshFileAsync(
        "Invoke-HvnScenario.ps1",
        ["-RequestPath", request, "-ResultPath", resultPath],
        300_000,
      );
      const results = JSON.parse(readFileSync(resultPath, "utf8")) as ScenarioResult[];
      // The runner freezes each run's state as JSON text, since later steps change it.
      for (const r of results)
        for (const run of r.runs)
          run.state = JSON.parse(run.state as unknown as string) as SimState;
      return results;
    }),
  );
  const byId = new Map(outputs.flat().map((r) => [r.id, r]));
  return scenarios.map((s) => byId.get(s.id)!);
}

// ---- bundles -------------------------------------------------------------------------

export interface BundleScript {
  path: string;
  file: string;
  machine: string;
  layer: number;
}

export interface Bundle {
  dir: string;
  topology: Topology;
  scripts: BundleScript[];
}

export const cli = join(root, "dist/hvnest.js");

export function validSamples(): string[] {
  const dir = join(root, "samples");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".hvnest"))
    .sort()
    .map((f) => join(dir, f));
}

/** Builds with the real CLI; throws with the CLI's output when it refuses. */
export function buildBundle(source: string, out: string): Bundle {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first`);
  execFileSync(process.execPath, [cli, "build", source, "--out", out, "--force"], {
    encoding: "utf8",
    stdio: "pipe",
  });
  return readBundle(out);
}

export interface SampleBundles {
  bundles: { sample: string; bundle: Bundle }[];
  /** Why building failed, when it did: the suites turn it into a failing test. */
  error: string | null;
}

/** Every valid sample built with the real CLI into a temp folder (once per test file). */
export function buildSamples(): SampleBundles {
  const out = tempDir("bundles");
  const bundles: SampleBundles["bundles"] = [];
  try {
    for (const source of validSamples()) {
      const sample = source
        .split("/")
        .pop()!
        .replace(/\.hvnest$/, "");
      bundles.push({ sample, bundle: buildBundle(source, join(out, sample)) });
    }
    return { bundles, error: null };
  } catch (error) {
    const e = error as { message: string; stdout?: string; stderr?: string };
    return { bundles, error: `${e.message}\n${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

/** Builds topology text written by a test; null when the CLI refuses it. */
export function buildSource(name: string, text: string): Bundle | null {
  const dir = tempDir(name);
  const source = join(dir, `${name}.hvnest`);
  writeFileSync(source, text);
  try {
    return buildBundle(source, join(dir, "bundle"));
  } catch {
    return null;
  }
}

export function readBundle(dir: string): Bundle {
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as {
    files: { path: string; machine: string | null; layer: number | null }[];
  };
  const topology = JSON.parse(readFileSync(join(dir, "topology.json"), "utf8")) as Topology;
  const scripts = manifest.files
    .filter((f) => f.path.endsWith(".ps1") && f.machine !== null)
    .map((f) => ({ path: join(dir, f.path), file: f.path, machine: f.machine!, layer: f.layer! }));
  return { dir, topology, scripts };
}

// ---- topology.json (only the fields these tests read) ----------------------------------

export interface TopoSwitch {
  name: string;
  type: "external" | "internal" | "private";
  adapter: string | null;
}
export interface TopoNat {
  cidr: string;
  prefixLength: number;
  gateway: string;
  switch: string;
  netnat: string;
}
export interface TopoMachine {
  kind: "host" | "vm";
  name: string;
  os: string;
  edition: string;
  cpu?: "intel" | "amd";
  memoryMB: number | null;
  cpus: number | null;
  path: string | null | string[];
  switches: TopoSwitch[];
  nat: TopoNat | null;
  vms: TopoVm[];
}
export interface TopoVm extends TopoMachine {
  kind: "vm";
  layer: number;
  nested: boolean;
  generation: number;
  version: string;
  memoryMB: number;
  dynamicMemory: boolean;
  cpus: number;
  macSpoofing: { value: boolean };
  adapterSwitch: { value: string | null };
  network: {
    ip: string | null;
    prefixLength: number | null;
    gateway: string | null;
    dns: string[];
  };
  disks: { vhd: string | null; iso: string | null; newDiskMB: number | null };
}
export interface Topology {
  hosts: TopoMachine[];
}

export interface Located {
  node: TopoMachine;
  host: TopoMachine;
}

export function findMachine(topology: Topology, name: string): Located {
  const walk = (node: TopoMachine, host: TopoMachine): Located | null => {
    if (node.name === name) return { node, host };
    for (const vm of node.vms) {
      const found = walk(vm, host);
      if (found) return found;
    }
    return null;
  };
  for (const host of topology.hosts) {
    const found = walk(host, host);
    if (found) return found;
  }
  throw new Error(`machine ${name} is not in topology.json`);
}

/** The structured state file HvnSim.psm1 keeps (only what the tests read is typed). */
export interface SimState {
  machine: Record<string, unknown>;
  vms: SimVm[];
  switches: { name: string; switchType: string; netAdapterName: string | null }[];
  netAdapters: { name: string; hyperVName: string | null; interfaceDescription: string }[];
  ipAddresses: { ipAddress: string; prefixLength: number; interfaceAlias: string }[];
  routes: { destinationPrefix: string; nextHop: string; interfaceAlias: string }[];
  dnsServers: Record<string, string[]>;
  netNats: { name: string; internalIPInterfaceAddressPrefix: string }[];
  files: string[];
  [key: string]: unknown;
}
export interface SimVm {
  id: string;
  name: string;
  generation: number;
  version: string;
  state: string;
  memoryStartupBytes: number;
  dynamicMemory: boolean;
  processorCount: number;
  expose: boolean;
  adapters: {
    name: string;
    switchName: string | null;
    macAddressSpoofing: string;
    deviceNaming: string;
  }[];
  [key: string]: unknown;
}
