// The model -> per-script view data. Every decision about what a script does and in which
// order lives here; templates only print what this returns.
import type { Host, HypervisorPart, Nat, Topology, Vm } from "../ir/model.js";
import { osInfo } from "../ir/os.js";
import { assignFileNames, safeStem } from "./file-names.js";
import { psString } from "./helpers.js";

export type ScriptKind = "physical-host" | "guest-hypervisor" | "guest-network";

export interface BuildInfo {
  compilerVersion: string;
  source: string;
  sourceSha256: string;
}

export interface SwitchView {
  name: string;
  /** As `New-VMSwitch -SwitchType` and `Get-VMSwitch` spell it. */
  type: "External" | "Internal" | "Private";
  /** Physical adapter of an external switch; "" lets the script pick the only one. */
  adapter: string;
}

export interface NatView {
  switchName: string;
  gateway: string;
  prefixLength: number;
  prefix: string;
  netNatName: string;
}

export interface VmView {
  name: string;
  generation: number;
  version: string;
  memoryMB: number;
  /** Guest hypervisors never (HVN206); other VMs as the topology says. */
  dynamicMemory: boolean;
  processorCount: number;
  /** The hypervisor's storage folder; "" for Hyper-V's default. */
  storagePath: string;
  vhdSource: string;
  vhdFile: string;
  isoPath: string;
  newDiskMB: number;
  newDiskFile: string;
  switchName: string;
  exposeExtensions: boolean;
  macSpoofing: boolean;
  /** "ShutDown", "Save", "TurnOff", or "" to leave Hyper-V's default. */
  stopAction: string;
  /** "Disabled", "Production", or "" to leave Hyper-V's default. */
  checkpointType: string;
}

export interface GuestNetworkView {
  switchName: string;
  ipAddress: string;
  prefixLength: number;
  gateway: string;
  dns: string[];
}

export interface ScriptView {
  fileName: string;
  machine: string;
  layer: number;
  kind: ScriptKind;
  build: BuildInfo;
  /** Guest hypervisors check that virtualization extensions reached them. */
  guest: boolean;
  /** The CPU vendor at the bottom of the chain: every layer above sees the same. */
  vendor: "intel" | "amd";
  /** Hypervisor scripts: configuration versions the VMs need. */
  versions: string[];
  nat: NatView | null;
  switches: SwitchView[];
  vms: VmView[];
  network: GuestNetworkView | null;
  parentFile: string | null;
}

interface Machine {
  node: Host | Vm;
  kind: ScriptKind;
  vendor: "intel" | "amd";
  parent: Machine | null;
  host: Host;
  /** Assigned once every machine is found. */
  fileName: string;
}

function hostsVms(part: HypervisorPart): boolean {
  return part.vms.length > 0 || part.nat !== null || part.switches.length > 0;
}

function kindOf(node: Host | Vm): ScriptKind | null {
  if (node.kind === "host")
    return node.platform === "hyperv" ? "physical-host" : "guest-hypervisor";
  if (hostsVms(node)) return "guest-hypervisor";
  return node.network.ip !== null ? "guest-network" : null;
}

/** Machines that get a script, in run order: by layer, then in source order. */
function collectMachines(topology: Topology): Machine[] {
  // Gathered by layer in source order: a stable sort by layer without sorting.
  const byLayer = new Map<number, Machine[]>();
  const visit = (node: Host | Vm, host: Host, parent: Machine | null): void => {
    const kind = kindOf(node);
    // A leaf VM with nothing to set inside it: its parent's script is all it needs.
    if (kind === null) return;
    const machine: Machine = { node, kind, vendor: host.cpu, parent, host, fileName: "" };
    const layer = byLayer.get(node.layer);
    if (layer === undefined) byLayer.set(node.layer, [machine]);
    else layer.push(machine);
    for (const vm of node.vms) visit(vm, host, machine);
  };
  for (const host of topology.hosts) visit(host, host, null);
  const layers = [...byLayer.keys()].sort((a, b) => a - b);
  return layers.flatMap((layer) => byLayer.get(layer) as Machine[]);
}

function switchView(part: HypervisorPart): SwitchView[] {
  return part.switches.map((s) => ({
    name: s.name,
    type: s.type === "external" ? "External" : s.type === "internal" ? "Internal" : "Private",
    adapter: s.adapter ?? "",
  }));
}

function natView(nat: Nat | null): NatView | null {
  if (nat === null) return null;
  return {
    switchName: nat.switch,
    gateway: nat.gateway,
    prefixLength: nat.prefixLength,
    prefix: nat.cidr,
    netNatName: nat.netnat,
  };
}

function extensionOf(path: string): string {
  const match = /\.(vhdx?)$/i.exec(path);
  return match ? `.${match[1]!.toLowerCase()}` : ".vhdx";
}

function vmView(vm: Vm, storagePath: string): VmView {
  const { vhd, iso, newDiskMB } = vm.disks;
  // Most VMs have neither disk, and no file named after them.
  const stem = vhd !== null || newDiskMB !== null ? safeStem(vm.name) : "";
  const checkpoints = vm.checkpoints.value;
  return {
    name: vm.name,
    generation: vm.generation,
    version: vm.version,
    memoryMB: vm.memoryMB,
    dynamicMemory: vm.dynamicMemory,
    processorCount: vm.cpus,
    storagePath,
    vhdSource: vhd ?? "",
    vhdFile: vhd !== null ? `${stem}${extensionOf(vhd)}` : "",
    isoPath: iso ?? "",
    newDiskMB: newDiskMB ?? 0,
    newDiskFile: newDiskMB !== null ? (vhd !== null ? `${stem}-disk.vhdx` : `${stem}.vhdx`) : "",
    switchName: vm.adapterSwitch.value ?? "",
    exposeExtensions: vm.nested,
    macSpoofing: vm.macSpoofing.value,
    stopAction: vm.automaticStopAction.value ?? "",
    checkpointType: checkpoints === null ? "" : checkpoints ? "Production" : "Disabled",
  };
}

function networkView(vm: Vm): GuestNetworkView | null {
  const { ip, prefixLength, gateway, dns } = vm.network;
  if (ip === null) return null;
  if (prefixLength === null) {
    throw new Error(`VM '${vm.name}' has address ${ip} but no prefix length in the model`);
  }
  const switchName = vm.adapterSwitch.value;
  if (switchName === null) {
    throw new Error(`VM '${vm.name}' has address ${ip} but no switch in the model`);
  }
  return { switchName, ipAddress: ip, prefixLength, gateway: gateway ?? "", dns: [...dns] };
}

function versionsOf(part: HypervisorPart): string[] {
  const version = part.vms[0]?.version;
  // The VMs of a hypervisor nearly always share one version.
  if (version === undefined) return [];
  if (part.vms.every((vm) => vm.version === version)) return [version];
  return [...new Set(part.vms.map((vm) => vm.version))].sort(
    (a, b) => Number(a.split(".")[0]) - Number(b.split(".")[0]) || a.localeCompare(b),
  );
}

function osTitle(node: Vm): string {
  const title = osInfo(node.os)?.title ?? node.os;
  return `${title} ${node.edition.charAt(0).toUpperCase()}${node.edition.slice(1)}`;
}

function beforeText(
  machine: Pick<Machine, "node" | "kind">,
  fileName: string,
  parentFile: string | null,
): string {
  const node = machine.node;
  if (node.kind === "host") {
    if (machine.kind === "physical-host") {
      return "Copy the bundle to this physical host and open an elevated Windows PowerShell.";
    }
    return (
      `Create this machine as a VM on ${node.platform} with a size that supports nested ` +
      "virtualization, copy this script into it and open an elevated Windows PowerShell."
    );
  }
  const creator = parentFile ?? "its parent's script";
  const copy =
    `Copy-VMFile -Name ${psString(node.name)} -SourcePath ${psString(`.\\${fileName}`)} ` +
    `-DestinationPath ${psString(`C:\\hvnest\\${fileName}`)} -FileSource Host -CreateFullPath`;
  return (
    `${creator} created this VM. Install ${osTitle(node)} in it, then copy this script in ` +
    `from its parent (the Guest Service Interface is on): ${copy}. Run it there in an ` +
    "elevated Windows PowerShell."
  );
}

function afterText(machine: Pick<Machine, "node" | "kind">): string {
  const node = machine.node;
  if (machine.kind === "guest-network") {
    const gateway = node.kind === "vm" ? node.network.gateway : null;
    return gateway !== null
      ? `Check the path out: Test-Connection -ComputerName ${psString(gateway)}.`
      : "Check the address: Get-NetIPAddress -AddressFamily IPv4.";
  }
  const restart = "Exit code 3010: restart (or run with -AllowRestart) and run the script again.";
  return node.vms.length > 0 ? `${restart} Then install the OS in each VM it created.` : restart;
}

// Shared by every row of the README that takes them, frozen: views are only read.
const NETWORK_PARAMETERS: readonly string[] = Object.freeze(["-Verify", "-WhatIf"]);
const HOST_PARAMETERS: readonly string[] = Object.freeze([
  "-AllowRestart",
  "-AllowVmRestart",
  "-Verify",
  "-WhatIf",
]);
const EMPTY_HOST_PARAMETERS: readonly string[] = Object.freeze([
  "-AllowRestart",
  "-Verify",
  "-WhatIf",
]);

function parametersOf(kind: ScriptKind, hasVms: boolean): readonly string[] {
  if (kind === "guest-network") return NETWORK_PARAMETERS;
  return hasVms ? HOST_PARAMETERS : EMPTY_HOST_PARAMETERS;
}

/**
 * A script's place in the bundle, kept for every script through a build; the rest of its
 * view, run-order notes included, is made when needed (perf, issue 6: full views of 50,000
 * VMs held ~75 MB through emission, and V8 lets the heap grow to a few times what is live).
 */
export interface ScriptPlan {
  fileName: string;
  machine: string;
  layer: number;
  kind: ScriptKind;
  vendor: "intel" | "amd";
  parentFile: string | null;
  /** The machine in the topology, which `scriptView` and `runNotes` read. */
  node: Host | Vm;
}

/** What the README says to do before and after running a script, and its switches. */
export interface RunNotes {
  before: string;
  after: string;
  parameters: readonly string[];
}

/** One plan per script, in run order. */
export function planScripts(topology: Topology): ScriptPlan[] {
  const machines = collectMachines(topology);
  const fileNames = assignFileNames(
    machines.map((m) => ({ layer: m.node.layer, name: m.node.name })),
  );
  machines.forEach((machine, i) => (machine.fileName = fileNames[i] as string));
  return machines.map((machine) => ({
    fileName: machine.fileName,
    machine: machine.node.name,
    layer: machine.node.layer,
    kind: machine.kind,
    vendor: machine.vendor,
    parentFile: machine.parent?.fileName ?? null,
    node: machine.node,
  }));
}

export function runNotes(plan: ScriptPlan): RunNotes {
  return {
    before: beforeText(plan, plan.fileName, plan.parentFile),
    after: afterText(plan),
    parameters: scriptParameters(plan),
  };
}

/** The switches a script takes, as the README lists them. */
export function scriptParameters(plan: Pick<ScriptPlan, "kind" | "node">): readonly string[] {
  return parametersOf(plan.kind, plan.node.vms.length > 0);
}

/** The whole view a script's template renders (the README's notes on it are `runNotes`). */
export function scriptView(plan: ScriptPlan, build: BuildInfo): ScriptView {
  const { node, kind } = plan;
  const isHypervisor = kind !== "guest-network";
  const storagePath = node.kind === "host" ? (node.path ?? "") : "";
  return {
    fileName: plan.fileName,
    machine: plan.machine,
    layer: plan.layer,
    kind,
    build,
    guest: kind === "guest-hypervisor",
    vendor: plan.vendor,
    versions: isHypervisor ? versionsOf(node) : [],
    nat: isHypervisor ? natView(node.nat) : null,
    switches: isHypervisor ? switchView(node) : [],
    vms: isHypervisor ? node.vms.map((vm) => vmView(vm, storagePath)) : [],
    network: node.kind === "vm" ? networkView(node) : null,
    parentFile: plan.parentFile,
  };
}

/** One view per script, in run order. */
export function buildScriptViews(topology: Topology, build: BuildInfo): ScriptView[] {
  return planScripts(topology).map((plan) => scriptView(plan, build));
}
