// Ways through the resolved topology that the rules share.
import type { Span } from "../diagnostics/span.js";
import type {
  FileNode,
  HostNode,
  MemberNode,
  NatNode,
  VmNode,
  VSwitchNode,
} from "../syntax/ast.js";
import type { Host, Topology, Vm } from "../ir/model.js";

export type Machine = Host | Vm;

export interface VmVisit {
  vm: Vm;
  parent: Machine;
  host: Host;
}

export interface MachineVisit {
  machine: Machine;
  /** The machine hosting it; null for a host. */
  parent: Machine | null;
  host: Host;
  /** The machines from the host down to this one's parent. */
  ancestors: Machine[];
}

// Each rule walks the whole topology; the walk is done once per topology and shared
// (perf, issue 6). Rules only read what they are given, so sharing is safe.
const machineVisits = new WeakMap<Topology, readonly MachineVisit[]>();
const vmVisits = new WeakMap<Topology, readonly VmVisit[]>();

/** Every machine, each host followed depth first by the VMs inside it. */
export function machines(topology: Topology): readonly MachineVisit[] {
  const known = machineVisits.get(topology);
  if (known) return known;
  const visits: MachineVisit[] = [];
  function visit(machine: Machine, parent: Machine | null, host: Host, ancestors: Machine[]): void {
    visits.push({ machine, parent, host, ancestors });
    if (machine.vms.length === 0) return;
    const inner = [...ancestors, machine];
    for (const vm of machine.vms) visit(vm, machine, host, inner);
  }
  for (const host of topology.hosts) visit(host, null, host, []);
  machineVisits.set(topology, visits);
  return visits;
}

export function vms(topology: Topology): readonly VmVisit[] {
  const known = vmVisits.get(topology);
  if (known) return known;
  const visits: VmVisit[] = [];
  for (const { machine, parent, host } of machines(topology)) {
    if (machine.kind === "vm" && parent) visits.push({ vm: machine, parent, host });
  }
  vmVisits.set(topology, visits);
  return visits;
}

// Most rules judge only hypervisors, a few hundred machines of a 10,000-VM fleet: they walk
// these lists, made once per topology, instead of every VM (perf, issue 6).
const hypervisorVisits = new WeakMap<Topology, readonly MachineVisit[]>();
const guestVisits = new WeakMap<Topology, readonly VmVisit[]>();

/** Hosts and guest hypervisors, in the order of `machines`. */
export function hypervisors(topology: Topology): readonly MachineVisit[] {
  const known = hypervisorVisits.get(topology);
  if (known) return known;
  const visits = machines(topology).filter(
    ({ machine }) => machine.kind === "host" || isGuestHypervisor(machine),
  );
  hypervisorVisits.set(topology, visits);
  return visits;
}

/** Guest hypervisors, in the order of `vms`. */
export function guestHypervisors(topology: Topology): readonly VmVisit[] {
  const known = guestVisits.get(topology);
  if (known) return known;
  const visits = vms(topology).filter(({ vm }) => isGuestHypervisor(vm));
  guestVisits.set(topology, visits);
  return visits;
}

/** A VM that runs Hyper-V itself: marked `nested`, or it holds VMs, switches or a NAT. */
export function isGuestHypervisor(vm: Vm): boolean {
  return vm.nested || vm.vms.length > 0 || vm.switches.length > 0 || vm.nat !== null;
}

export function label(machine: Machine): string {
  return `${machine.kind} "${machine.name}"`;
}

/** Where an attribute was written, else the element itself. */
export function at(
  element: { span?: Span; attributeSpans?: Record<string, Span> },
  key: string,
): Span | undefined {
  return element.attributeSpans?.[key] ?? element.span;
}

/** The names a VM of this machine may attach to: its vswitches and its NAT's switch. */
export function switchNames(machine: Machine): string[] {
  return [
    ...machine.switches.map((item) => item.name),
    ...(machine.nat ? [machine.nat.switch] : []),
  ];
}

export type AstElement = HostNode | VmNode | NatNode | VSwitchNode;

// Two rules walk the AST; a generator with `yield*` per level cost ~10 ms per 10,000 VMs
// each time (perf, issue 6), so the walk is an array made once per file and shared.
const astWalks = new WeakMap<FileNode, readonly AstElement[]>();

/** Every host, VM, NAT and vswitch of the AST, each followed depth first by its members. */
export function astElements(file: FileNode): readonly AstElement[] {
  const known = astWalks.get(file);
  if (known) return known;
  const nodes: AstElement[] = [];
  function visit(node: AstElement): void {
    nodes.push(node);
    if (node.kind === "host" || node.kind === "vm") {
      for (const member of node.members as MemberNode[]) visit(member);
    }
  }
  for (const host of file.hosts) visit(host);
  astWalks.set(file, nodes);
  return nodes;
}

export function astLabel(node: AstElement): string {
  if (node.kind === "nat") return `nat ${node.subnet.text}`;
  return `${node.kind} "${node.name.value}"`;
}

export const MB_PER_GB = 1024;

export function formatMemory(megabytes: number): string {
  return megabytes % MB_PER_GB === 0 ? `${megabytes / MB_PER_GB}GB` : `${megabytes}MB`;
}
