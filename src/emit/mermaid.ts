// The topology as a Mermaid flowchart: machines, switches and NATs as nodes. Labels stay
// raw text here; the README template escapes them with the `mermaid` helper.
import type { Host, HypervisorPart, Topology, Vm } from "../ir/model.js";

export interface DiagramNode {
  id: string;
  /** Mermaid shape delimiters around the quoted label; fixed text chosen here. */
  open: string;
  close: string;
  lines: string[];
}

export interface DiagramEdge {
  from: string;
  /** A fixed Mermaid arrow, with its label when it has one. */
  arrow: string;
  to: string;
}

export interface Diagram {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

function machineLines(node: Host | Vm): string[] {
  if (node.kind === "host") {
    const where = node.platform === "hyperv" ? "physical Hyper-V host" : `VM on ${node.platform}`;
    const lines = [node.name, `layer 1, ${where}`, `${node.cpu}, ${node.os} ${node.edition}`];
    if (node.memoryMB !== null || node.cpus !== null) {
      const parts: string[] = [];
      if (node.memoryMB !== null) parts.push(`${node.memoryMB} MB`);
      if (node.cpus !== null) parts.push(`${node.cpus} CPUs`);
      lines.push(parts.join(", "));
    }
    return lines;
  }
  const role = node.nested ? "nested: extensions exposed" : "VM";
  const lines = [
    node.name,
    `layer ${node.layer}, ${role}`,
    `${node.memoryMB} MB, ${node.cpus} vCPUs, gen ${node.generation}, v${node.version}`,
  ];
  if (node.network.ip !== null) {
    const gateway = node.network.gateway !== null ? ` gw ${node.network.gateway}` : "";
    lines.push(`${node.network.ip}/${node.network.prefixLength ?? "?"}${gateway}`);
  }
  return lines;
}

/**
 * The diagram host by host: each host's nodes and edges, numbered on from the hosts before
 * it. A host's part is small where the whole diagram of a large fleet is not (perf, issue 6).
 */
export function diagramByHost(topology: Topology): Generator<Diagram> {
  return walk(topology, true);
}

/**
 * The diagram's edges host by host, as `diagramByHost` numbers them: the README lists every
 * node before any edge, and walks the hosts again for the edges without making the nodes'
 * labels a second time (perf, issue 6).
 */
export function* edgesByHost(topology: Topology): Generator<DiagramEdge[]> {
  for (const { edges } of walk(topology, false)) yield edges;
}

const NO_SWITCHES: ReadonlyMap<string, string> = new Map();

/** Nodes are made only `withNodes`; their ids are counted either way. */
function* walk(topology: Topology, withNodes: boolean): Generator<Diagram> {
  const walker = new Walker(withNodes);
  for (const host of topology.hosts) {
    walker.machine(host, null, NO_SWITCHES);
    yield walker.take();
  }
}

/**
 * One host's part of the diagram at a time. Methods on one object rather than closures made
 * per host: V8 runs them faster cold (perf, issue 6).
 */
class Walker {
  private next = 0;
  private nodes: DiagramNode[] = [];
  private edges: DiagramEdge[] = [];

  constructor(private readonly withNodes: boolean) {}

  take(): Diagram {
    const part = { nodes: this.nodes, edges: this.edges };
    this.nodes = [];
    this.edges = [];
    return part;
  }

  machine(node: Host | Vm, parentId: string | null, parentSwitches: ReadonlyMap<string, string>) {
    const id = `m${++this.next}`;
    if (this.withNodes) this.nodes.push({ id, open: '["', close: '"]', lines: machineLines(node) });
    if (parentId !== null) this.edges.push({ from: parentId, arrow: "-->|hosts|", to: id });
    if (node.kind === "vm" && node.adapterSwitch.value !== null) {
      const target = parentSwitches.get(node.adapterSwitch.value);
      if (target !== undefined) this.edges.push({ from: id, arrow: "-.->|adapter|", to: target });
    }
    // Most machines own no switch: one empty map for all of them, read only.
    const own =
      node.nat === null && node.switches.length === 0 ? NO_SWITCHES : this.switches(node, id);
    for (const vm of node.vms) this.machine(vm, id, own);
  }

  private switches(part: HypervisorPart, ownerId: string): ReadonlyMap<string, string> {
    const byName = new Map<string, string>();
    if (part.nat !== null) {
      const id = `n${++this.next}`;
      const nat = part.nat;
      if (this.withNodes) {
        const lines = [
          `NAT ${nat.netnat}`,
          nat.cidr,
          `gateway ${nat.gateway}`,
          `switch ${nat.switch}`,
        ];
        this.nodes.push({ id, open: '[["', close: '"]]', lines });
      }
      this.edges.push({ from: ownerId, arrow: "---", to: id });
      byName.set(nat.switch, id);
    }
    for (const s of part.switches) {
      const id = `s${++this.next}`;
      if (this.withNodes) {
        const adapter = s.adapter !== null ? `, adapter ${s.adapter}` : "";
        const lines = [s.name, `${s.type} switch${adapter}`];
        this.nodes.push({ id, open: '(["', close: '"])', lines });
      }
      this.edges.push({ from: ownerId, arrow: "---", to: id });
      byName.set(s.name, id);
    }
    return byName;
  }
}

/** The whole diagram: every node, then every edge. */
export function buildDiagram(topology: Topology): Diagram {
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  for (const part of diagramByHost(topology)) {
    nodes.push(...part.nodes);
    edges.push(...part.edges);
  }
  return { nodes, edges };
}
