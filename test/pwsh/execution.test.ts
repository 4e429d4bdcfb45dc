// Every script of every valid sample, run on a simulated machine: fresh run (with the
// restart the role install asks for), convergence to the topology, rerun, -WhatIf,
// -Verify and drift, faults at each mutating call, refusals, and a running VM.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BundleScript,
  buildSamples,
  buildSource,
  findMachine,
  installHint,
  type Located,
  type MutatingCall,
  pwshStatus,
  type Run,
  runScenarios,
  type Scenario,
  type ScenarioResult,
  type Step,
  type TopoVm,
  removeTempDirs,
} from "./harness.js";
import { canonicalJson, convergenceProblems, essentialState, freshMachine } from "./machines.js";

const suite = pwshStatus === "present" ? describe : describe.skip;

afterAll(removeTempDirs);

if (pwshStatus === "missingUnderCi") {
  it("PowerShell is installed (CI=true makes a missing pwsh a failure)", () => {
    throw new Error(installHint);
  });
}

const built = pwshStatus === "present" ? buildSamples() : { bundles: [], error: null };

// No sample has an AMD host; the AMD rule (WS2022 / Windows 11 or later) needs one.
const amdSource =
  "host AMD01 cpu amd os ws2022 memory 64GB cpus 16 < vm Nested-AMD nested version 9.3 memory 8GB < nat 192.168.100.0/24 gw .254 > >\n";
const amd = pwshStatus === "present" ? buildSource("amd-host", amdSource) : null;

interface Target extends BundleScript {
  name: string;
  located: Located;
}

// No sample has a client host (Windows 11 Pro: the optional-feature role install,
// dynamic memory by default for new VMs); it runs through every check below.
const clientSource =
  "host PC01 os win11 edition pro memory 32GB cpus 8 < vm Lab-HV nested memory 8GB cpus 2 < nat 192.168.50.0/24 gw .1 vm Inner memory 2GB ip .10 dns 192.168.50.1 > >\n";
const client = pwshStatus === "present" ? buildSource("client-host", clientSource) : null;
const bundles = [...built.bundles, ...(client ? [{ sample: "client-host", bundle: client }] : [])];

const targets: Target[] = bundles.flatMap(({ sample, bundle }) =>
  bundle.scripts.map((s) => ({
    ...s,
    name: `${sample}/${s.file}`,
    located: findMachine(bundle.topology, s.machine),
  })),
);
const hypervisors = targets.filter((t) => t.located.node.vms.length > 0);
const hosts = targets.filter((t) => t.located.node.kind === "host");

const run = (args: Record<string, boolean> = {}, faultAt?: number): Step => ({
  action: "run",
  args,
  ...(faultAt ? { faultAt } : {}),
});
const restart: Step = { action: "restart" };

/** A setting changed behind the script's back: a VM's vCPUs, or a leaf's address prefix. */
function driftPatch(t: Target): Step {
  return t.located.node.vms.length > 0
    ? { action: "patch", path: ["vms", 0, "processorCount"], value: 63 }
    : { action: "patch", path: ["ipAddresses", 0, "prefixLength"], value: 9 };
}

/**
 * Fresh machine: run, restart (a no-op unless the role install asked for it), run,
 * rerun, -Verify, drift, -Verify. Each run keeps a snapshot of the machine after it.
 */
function freshScenario(t: Target): Scenario {
  return {
    id: `fresh ${t.name}`,
    script: t.path,
    state: freshMachine(t.located),
    steps: [
      run(),
      restart,
      run(),
      run(),
      run({ Verify: true }),
      driftPatch(t),
      run({ Verify: true }),
    ],
  };
}

function whatIfScenarios(t: Target): Scenario[] {
  return [
    {
      id: `whatif ${t.name}`,
      script: t.path,
      state: freshMachine(t.located),
      steps: [run({ WhatIf: true })],
    },
    {
      id: `whatif-role ${t.name}`,
      script: t.path,
      state: freshMachine(t.located, { roleInstalled: true }),
      steps: [run({ WhatIf: true }), run({ Verify: true })],
    },
    {
      id: `verify-fresh ${t.name}`,
      script: t.path,
      state: freshMachine(t.located),
      steps: [run({ Verify: true })],
    },
  ];
}

const refusals = [
  {
    rule: "an AMD host where the topology says Intel",
    options: { cpuVendor: "amd" as const },
    message: /AuthenticAMD|AMD/,
  },
  { rule: "an OS older than build 14393", options: { build: 10586 }, message: /10586|14393|build/ },
  {
    rule: "a Home edition",
    options: { edition: "home", caption: "Microsoft Windows 10 Home", build: 19045 },
    message: /Home/,
  },
  { rule: "a host without VT-x", options: { vtx: false }, message: /VT-x|virtualization/i },
  {
    rule: "a Hyper-V without -ExposeVirtualizationExtensions",
    options: { roleInstalled: true, exposeParameter: false },
    message: /ExposeVirtualizationExtensions/,
  },
];

function amdScenarios(): Scenario[] {
  if (!amd) return [];
  const script = amd.scripts.find((s) => s.layer === 1)!;
  const located = findMachine(amd.topology, script.machine);
  return [
    {
      id: "amd on ws2016",
      script: script.path,
      state: freshMachine(located, {
        cpuVendor: "amd",
        build: 14393,
        caption: "Microsoft Windows Server 2016 Datacenter",
      }),
      steps: [run()],
    },
    {
      id: "amd on ws2022",
      script: script.path,
      state: freshMachine(located),
      steps: [run(), restart, run()],
    },
  ];
}

/** Machines a script must refuse to touch: the conventions' "stop with a message" cases. */
function conflictScenarios(t: Target): Scenario[] {
  const node = t.located.node;
  const out: Scenario[] = [];
  if (node.vms.length > 0) {
    const state = freshMachine(t.located, { roleInstalled: true });
    const twin = (id: string) => ({
      id,
      name: node.vms[0]!.name,
      generation: 2,
      version: "8.0",
      state: "Off",
      memoryStartupBytes: 1024 * 1024 * 1024,
      dynamicMemory: false,
      processorCount: 1,
      expose: false,
      path: "C:\\VMs",
      automaticStopAction: "Save",
      checkpointType: "Production",
      adapters: [],
      hardDisks: [],
      dvdDrives: [],
      snapshots: [],
      integrationServices: {},
    });
    state.vms = [
      twin("00000000-0000-4000-8000-00000000d001"),
      twin("00000000-0000-4000-8000-00000000d002"),
    ];
    out.push({ id: `duplicate ${t.name}`, script: t.path, state, steps: [run()] });
  }
  if (node.nat) {
    const state = freshMachine(t.located, { roleInstalled: true });
    state.netNats = [
      { name: "Someone-Elses-NAT", internalIPInterfaceAddressPrefix: "10.99.0.0/16" },
    ];
    out.push({ id: `other-nat ${t.name}`, script: t.path, state, steps: [run()] });
  }
  if (node.kind === "vm" && (node as TopoVm).network.ip !== null) {
    const state = freshMachine(t.located, { roleInstalled: true });
    state.netAdapters = state.netAdapters.flatMap((a, i) => [
      { ...a, hyperVName: null },
      { ...a, name: `Ethernet ${i + 2}`, interfaceIndex: 40 + i, hyperVName: null },
    ]);
    out.push({ id: `ambiguous-adapter ${t.name}`, script: t.path, state, steps: [run()] });
  }
  return out;
}

function hostScenarios(t: Target): Scenario[] {
  return [
    {
      id: `vbs ${t.name}`,
      script: t.path,
      state: freshMachine(t.located, { vbs: true }),
      steps: [run()],
    },
    {
      id: `allow-restart ${t.name}`,
      script: t.path,
      state: freshMachine(t.located),
      steps: [run({ AllowRestart: true })],
    },
  ];
}

function refusalScenarios(t: Target): Scenario[] {
  return refusals.map((r) => ({
    id: `refuse ${r.rule} ${t.name}`,
    script: t.path,
    state: freshMachine(t.located, r.options),
    steps: [run()],
  }));
}

/**
 * The first VM of a converged hypervisor needs its virtualization extensions changed
 * while Running, then while Saved: each time a run without and a run with -AllowVmRestart.
 */
function runningVmScenario(t: Target): Scenario {
  const vm = t.located.node.vms[0] as TopoVm;
  const spoil = (vmState: string): Step[] => [
    { action: "patch", path: ["vms", 0, "expose"], value: !vm.nested },
    { action: "patch", path: ["vms", 0, "state"], value: vmState },
  ];
  return {
    id: `running ${t.name}`,
    script: t.path,
    state: freshMachine(t.located, { roleInstalled: true }),
    steps: [
      run(),
      ...spoil("Running"),
      run(),
      run({ AllowVmRestart: true }),
      ...spoil("Saved"),
      run(),
      run({ AllowVmRestart: true }),
    ],
  };
}

/**
 * Which fault scenarios to run. Every mutating call variant (script kind, command and
 * parameter names) is faulted at least once, in the first script that makes it; the
 * same variant in a later script (the second of three identical VMs, a sibling team)
 * takes the same code path. HVNEST_PWSH_ALL_FAULTS=1 faults every call of every script.
 */
const allFaults = process.env.HVNEST_PWSH_ALL_FAULTS === "1";
function faultKey(
  kind: string,
  call: { command: string; parameters: Record<string, unknown> },
): string {
  return `${kind} ${call.command} ${Object.keys(call.parameters).sort().join(",")}`;
}

interface FaultPlan {
  total: number;
  run: number;
  coveredElsewhere: number;
}

const mutations = (r: Run) =>
  r.mutatingCalls.map((c) => `${c.command} ${JSON.stringify(c.parameters)}`);
const text = (r: Run) => r.output.join("\n");

/** The run after which the machine should be converged: the one after the restart, if any. */
function convergedRun(result: ScenarioResult): Run {
  return result.runs[1]!;
}

suite("generated scripts on simulated machines", () => {
  const results = new Map<string, ScenarioResult>();
  const faultPlans = new Map<string, FaultPlan>();

  beforeAll(async () => {
    const first: Scenario[] = [
      ...targets.map(freshScenario),
      ...targets.flatMap(whatIfScenarios),
      ...hosts.flatMap(refusalScenarios),
      ...hosts.flatMap(hostScenarios),
      ...hypervisors.map(runningVmScenario),
      ...amdScenarios(),
      ...targets.flatMap(conflictScenarios),
    ];
    for (const r of await runScenarios(first, 2)) results.set(r.id, r);

    // A fault at each mutating call of the clean fresh run(s), then a run without it.
    const faults: Scenario[] = [];
    const faulted = new Set<string>();
    for (const t of targets) {
      const fresh = results.get(`fresh ${t.name}`)!;
      const installRun = fresh.runs[0]!.exitCode === 3010 ? fresh.runs[0]! : null;
      const buildRun = installRun ? fresh.runs[1]! : fresh.runs[0]!;
      const kind =
        t.located.node.kind === "host"
          ? "host"
          : t.located.node.vms.length > 0
            ? "guest-hypervisor"
            : "guest";
      const plan: FaultPlan = { total: 0, run: 0, coveredElsewhere: 0 };
      faultPlans.set(t.name, plan);
      const consider = (phase: string, calls: MutatingCall[], build: (k: number) => Scenario) => {
        calls.forEach((call, i) => {
          plan.total++;
          const key = faultKey(`${kind} ${phase}`, call);
          if (!allFaults && faulted.has(key)) {
            plan.coveredElsewhere++;
            return;
          }
          faulted.add(key);
          plan.run++;
          faults.push(build(i + 1));
        });
      };
      if (installRun) {
        consider("install", installRun.mutatingCalls, (k) => ({
          id: `fault install ${k} ${t.name}`,
          script: t.path,
          state: freshMachine(t.located),
          steps: [run({}, k), run(), restart, run()],
        }));
      }
      consider("build", buildRun.mutatingCalls, (k) => ({
        id: `fault build ${k} ${t.name}`,
        script: t.path,
        state: freshMachine(t.located, { roleInstalled: installRun !== null }),
        steps: [run({}, k), run()],
      }));
    }
    for (const r of await runScenarios(faults, 2)) results.set(r.id, r);
  }, 600_000);

  it("builds every valid sample, and the client-host topology", () => {
    expect(built.error).toBeNull();
    expect(client).not.toBeNull();
    expect(targets.length).toBeGreaterThan(0);
  });

  describe.each(targets.map((t) => [t.name, t] as const))("%s", (_name, t) => {
    it("runs on a fresh machine: exit 0, or 3010 then 0 after the restart", () => {
      const r = results.get(`fresh ${t.name}`)!;
      expect(r.refused).toBeNull();
      const [first, second] = r.runs;
      expect([0, 3010], text(first!)).toContain(first!.exitCode);
      expect(second!.exitCode, text(second!)).toBe(0);
      if (first!.exitCode === 0) expect(mutations(second!)).toEqual([]);
    });

    it("leaves the machine as the topology describes it", () => {
      const r = results.get(`fresh ${t.name}`)!;
      expect(convergenceProblems(t.located.node, convergedRun(r).state)).toEqual([]);
    });

    it("changes nothing when run again", () => {
      const rerun = results.get(`fresh ${t.name}`)!.runs[2]!;
      expect(rerun.exitCode, text(rerun)).toBe(0);
      expect(mutations(rerun)).toEqual([]);
    });

    it("makes no mutating call under -WhatIf", () => {
      for (const id of [`whatif ${t.name}`, `whatif-role ${t.name}`]) {
        const w = results.get(id)!.runs[0]!;
        expect(w.exitCode, `${id}\n${text(w)}`).toBe(0);
        expect(mutations(w), id).toEqual([]);
        expect(text(w), id).not.toMatch(/^\[changed\]/m);
      }
    });

    it("-Verify exits 2 on a fresh machine, changing nothing", () => {
      for (const [id, i] of [
        [`verify-fresh ${t.name}`, 0],
        [`whatif-role ${t.name}`, 1],
      ] as const) {
        const v = results.get(id)!.runs[i]!;
        expect(v.exitCode, `${id}\n${text(v)}`).toBe(2);
        expect(mutations(v), id).toEqual([]);
        expect(text(v), id).toMatch(/^\[drift\]/m);
      }
    });

    it("-Verify exits 0 when converged and 2 after drift, naming it", () => {
      const converged = results.get(`fresh ${t.name}`)!.runs[3]!;
      expect(converged.exitCode, text(converged)).toBe(0);
      expect(mutations(converged)).toEqual([]);
      const verify = results.get(`fresh ${t.name}`)!.runs[4]!;
      expect(verify.exitCode, text(verify)).toBe(2);
      expect(mutations(verify)).toEqual([]);
      const drift = verify.output.filter((l) => l.startsWith("[drift]")).join("\n");
      if (t.located.node.vms.length > 0) {
        const vmName = verify.state.vms[0]!.name;
        expect(drift).toContain(vmName);
        expect(drift).toMatch(/processor/);
      } else {
        expect(drift).toMatch(/address/);
      }
    });

    it("converges after a fault at each mutating call (each call variant once, see faultKey)", () => {
      const clean = canonicalJson(
        essentialState(convergedRun(results.get(`fresh ${t.name}`)!).state),
      );
      const plan = faultPlans.get(t.name)!;
      expect(plan.total, "the clean run makes mutating calls").toBeGreaterThan(0);
      expect(plan.run + plan.coveredElsewhere).toBe(plan.total);
      const failures: string[] = [];
      for (const [id, r] of results) {
        if (!id.startsWith("fault ") || !id.endsWith(` ${t.name}`)) continue;
        const faulted = r.runs[0]!;
        const last = r.runs[r.runs.length - 1]!;
        if (faulted.exitCode !== 1)
          failures.push(`${id}: the faulted run exited ${faulted.exitCode}:\n${text(faulted)}`);
        else if (!/step.*injected fault/.test(text(faulted)))
          failures.push(
            `${id}: the failure message does not name the step and the error:\n${text(faulted)}`,
          );
        if (last.exitCode !== 0)
          failures.push(`${id}: the run after the fault exited ${last.exitCode}:\n${text(last)}`);
        // Equal to the clean run's end state, which a rerun leaves alone (tested above).
        const problems = convergenceProblems(t.located.node, last.state);
        if (problems.length > 0) failures.push(`${id}: ${problems.join("; ")}`);
        else if (canonicalJson(essentialState(last.state)) !== clean)
          failures.push(`${id}: end state differs from a clean run`);
      }
      expect(failures).toEqual([]);
    });
  });

  it("refuses an AMD host on Windows Server 2016 before any change, and runs on WS2022", () => {
    expect(amd, "the AMD topology builds").not.toBeNull();
    const refused = results.get("amd on ws2016")!.runs[0]!;
    expect(refused.exitCode, text(refused)).toBe(1);
    expect(mutations(refused)).toEqual([]);
    expect(text(refused)).toMatch(/AMD/);
    expect(text(refused)).toMatch(/2022/);
    const ok = results.get("amd on ws2022")!;
    expect(ok.runs.map((r) => r.exitCode)).toEqual([3010, 0]);
    const located = findMachine(amd!.topology, "AMD01");
    expect(convergenceProblems(located.node, ok.runs[1]!.state)).toEqual([]);
  });

  it.each(targets.map((t) => [t.name, t] as const))(
    "%s stops with a message instead of guessing",
    (_name, t) => {
      const cases = [
        { id: `duplicate ${t.name}`, message: /exists 2 times/, name: t.located.node.vms[0]?.name },
        { id: `other-nat ${t.name}`, message: /Someone-Elses-NAT/, name: undefined },
        { id: `ambiguous-adapter ${t.name}`, message: /network adapters|adapter/, name: undefined },
      ].filter((c) => results.has(c.id));
      expect(cases.length, "every machine script has a case to refuse").toBeGreaterThan(0);
      for (const c of cases) {
        const r = results.get(c.id)!.runs[0]!;
        expect(r.exitCode, `${c.id}\n${text(r)}`).toBe(1);
        expect(text(r), c.id).toMatch(c.message);
        if (c.name) expect(text(r), c.id).toContain(c.name);
        const touching = r.mutatingCalls.filter(
          (m) => c.name === undefined || JSON.stringify(m.parameters).includes(c.name),
        );
        if (c.id.startsWith("other-nat"))
          expect(
            r.mutatingCalls.map((m) => m.command),
            c.id,
          ).not.toContain("New-NetNat");
        else
          expect(
            touching.map((m) => m.command),
            c.id,
          ).toEqual([]);
      }
    },
  );

  it("never destroys, never turns a VM off hard, restarts only with -AllowRestart", () => {
    const destructive = new Set([
      "Remove-VM",
      "Remove-VMSwitch",
      "Remove-NetNat",
      "Remove-Item",
      "Stop-Computer",
    ]);
    const bad: string[] = [];
    for (const [id, r] of results) {
      r.runs.forEach((run, i) => {
        for (const c of run.mutatingCalls) {
          if (destructive.has(c.command)) bad.push(`${id} run ${i}: ${c.command}`);
          if (c.command === "Stop-VM" && c.parameters["TurnOff"] === true)
            bad.push(`${id} run ${i}: Stop-VM -TurnOff`);
          if (c.command === "Restart-Computer" && !id.startsWith("allow-restart "))
            bad.push(`${id} run ${i}: Restart-Computer without -AllowRestart`);
        }
      });
    }
    expect(bad).toEqual([]);
  });

  describe.each(hosts.map((t) => [t.name, t] as const))("preflight of %s", (_name, t) => {
    it("warns about Virtualization Based Security and goes on", () => {
      const r = results.get(`vbs ${t.name}`)!.runs[0]!;
      expect([0, 3010], text(r)).toContain(r.exitCode);
      expect(text(r)).toMatch(/WARNING: .*Virtualization Based Security/);
    });

    it("restarts after the role install only with -AllowRestart, and still exits 3010", () => {
      const r = results.get(`allow-restart ${t.name}`)!.runs[0]!;
      expect(r.exitCode, text(r)).toBe(3010);
      expect(r.mutatingCalls.filter((c) => c.command === "Restart-Computer")).toHaveLength(1);
    });

    it.each(refusals.map((r) => [r.rule, r] as const))(
      "refuses %s before any change, naming the rule",
      (rule, r) => {
        const result = results.get(`refuse ${rule} ${t.name}`)!.runs[0]!;
        expect(result.exitCode, text(result)).toBe(1);
        expect(mutations(result)).toEqual([]);
        expect(text(result)).toMatch(r.message);
      },
    );
  });

  describe.each(hypervisors.map((t) => [t.name, t] as const))(
    "a running or saved VM on %s",
    (_name, t) => {
      const vmName = t.located.node.vms[0]!.name;

      it.each(["Running", "Saved"])(
        "%s: without -AllowVmRestart nothing of the VM changes and the message says what to do",
        (vmState) => {
          const r = results.get(`running ${t.name}`)!;
          const refused = r.runs[vmState === "Running" ? 1 : 3]!;
          expect(refused.exitCode, text(refused)).toBe(1);
          expect(text(refused)).toContain(vmName);
          expect(text(refused)).toContain("-AllowVmRestart");
          if (vmState === "Saved") expect(text(refused)).toContain("Remove-VMSavedState");
          const touched = refused.mutatingCalls.filter((c) =>
            JSON.stringify(c.parameters).includes(vmName),
          );
          expect(touched.map((c) => c.command)).toEqual([]);
          const vm = refused.state.vms.find((v) => v.name === vmName)!;
          expect(vm.state).toBe(vmState);
        },
      );

      it.each(["Running", "Saved"])(
        "%s: with -AllowVmRestart a graceful shutdown, the change, a start",
        (vmState) => {
          const r = results.get(`running ${t.name}`)!;
          const allowed = r.runs[vmState === "Running" ? 2 : 4]!;
          expect(allowed.exitCode, text(allowed)).toBe(0);
          const calls = allowed.mutatingCalls.map((c) => c.command);
          expect(calls.filter((c) => c === "Stop-VM")).toHaveLength(1);
          expect(
            allowed.mutatingCalls.some(
              (c) => c.command === "Stop-VM" && c.parameters["TurnOff"] === true,
            ),
          ).toBe(false);
          const stop = calls.indexOf("Stop-VM");
          expect(calls.indexOf("Set-VMProcessor")).toBeGreaterThan(stop);
          expect(calls.lastIndexOf("Start-VM")).toBeGreaterThan(calls.indexOf("Set-VMProcessor"));
          const vm = allowed.state.vms.find((v) => v.name === vmName)!;
          expect(vm.state).toBe("Running");
          expect(vm.expose).toBe((t.located.node.vms[0] as TopoVm).nested);
        },
      );
    },
  );
});
