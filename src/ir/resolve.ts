// AST -> resolved topology: fills the defaults of the language table, resolves `.N` host
// parts against the subnet of the switch a VM attaches to, attaches adapters, numbers
// layers and derives MAC spoofing, stop action and checkpoints with their reasons.
// Never throws and reports nothing: values it cannot use fall back to defaults or stay
// as written, and the rules (src/rules) say what is wrong, from this model and the AST.
import type {
  AddressNode,
  AttributeNode,
  FileNode,
  HostNode,
  MemberNode,
  NatNode,
  VmNode,
  VSwitchNode,
} from "../syntax/ast.js";
import type {
  Edition,
  Host,
  Nat,
  Platform,
  StopAction,
  Switch,
  Topology,
  Vm,
  AttributeSpans,
} from "./model.js";
import { formatIpv4, fromOctets, parseIpv4 } from "./ipv4.js";
import { osInfo } from "./os.js";

export const defaults = {
  os: "ws2016",
  cpu: "intel",
  platform: "hyperv",
  generation: 2,
  version: "8.0",
  cpus: 2,
  memoryMB: 2048,
  nestedMemoryMB: 4096,
  natSwitch: "VM-NAT",
  netnat: "LocalNAT",
} as const;

const platforms: readonly string[] = ["hyperv", "azure", "aws", "vmware"];
const editions: readonly string[] = [
  "standard",
  "datacenter",
  "pro",
  "enterprise",
  "education",
  "home",
];
const stopActions: Record<string, StopAction> = {
  shutdown: "ShutDown",
  save: "Save",
  turnoff: "TurnOff",
};

/** The first attribute with this key (a repeated key is reported by HVN214). */
function attribute(attributes: readonly AttributeNode[], key: string): AttributeNode | undefined {
  // A loop, not find(): ~15 lookups per VM, each a closure with find (perf, issue 6).
  for (let i = 0; i < attributes.length; i++) {
    const candidate = attributes[i] as AttributeNode;
    if (candidate.key === key) return candidate;
  }
  return undefined;
}

function firstValue(attributes: readonly AttributeNode[], key: string) {
  return attribute(attributes, key)?.values[0];
}

function word(attributes: readonly AttributeNode[], key: string): string | null {
  const value = firstValue(attributes, key);
  if (value?.kind === "name") return value.value.toLowerCase();
  if (value?.kind === "integer") return value.text;
  return null;
}

function text(attributes: readonly AttributeNode[], key: string): string | null {
  const value = firstValue(attributes, key);
  return value?.kind === "string" || value?.kind === "name" ? value.value : null;
}

function megabytes(attributes: readonly AttributeNode[], key: string): number | null {
  const value = firstValue(attributes, key);
  return value?.kind === "size" ? value.megabytes : null;
}

function integer(attributes: readonly AttributeNode[], key: string): number | null {
  const value = firstValue(attributes, key);
  return value?.kind === "integer" ? value.value : null;
}

function onOff(attributes: readonly AttributeNode[], key: string): boolean | null {
  const value = word(attributes, key);
  return value === "on" ? true : value === "off" ? false : null;
}

const NAME_KEYS: readonly string[] = ["name"];
const NAT_KEYS: readonly string[] = ["subnet", "gw"];

/**
 * `first` (holding the spans of `firstKeys`), completed with where each attribute was first
 * written: the same keys, order and spans as `{ ...first, ...spans }` where `spans[key] ??=`
 * each attribute's span, but one object per element instead of two and a spread (perf,
 * issue 6). As there, an attribute named like a key of `first` replaces its span, and a key
 * an object inherits (`constructor`) is never set.
 */
function spansOf(
  first: AttributeSpans,
  firstKeys: readonly string[],
  attributes: readonly AttributeNode[],
): AttributeSpans {
  let replaced: string[] | null = null;
  for (const node of attributes) {
    const key = node.key;
    if (first[key] == null) first[key] = node.span;
    else if (firstKeys.includes(key) && !replaced?.includes(key)) {
      (replaced ??= []).push(key);
      first[key] = node.span;
    }
  }
  return first;
}

function defaultEdition(os: string): Edition {
  return osInfo(os)?.family === "client" ? "enterprise" : "datacenter";
}

function edition(attributes: readonly AttributeNode[], os: string): Edition {
  const value = word(attributes, "edition");
  return value !== null && editions.includes(value) ? (value as Edition) : defaultEdition(os);
}

/** A full address, or `.N` resolved against the subnet; null when `.N` has no subnet in scope. */
function resolveAddress(node: AddressNode, subnet: Nat | null): string | null {
  if (node.octets) return formatIpv4(fromOctets(node.octets));
  const network = subnet ? parseIpv4(subnet.subnet) : null;
  if (network === null || node.hostPart === null) return null;
  return formatIpv4((network + node.hostPart) % 2 ** 32);
}

function resolveSwitch(node: VSwitchNode): Switch {
  return {
    name: node.name.value,
    type: node.switchType,
    adapter: node.switchType === "external" ? text(node.attributes, "adapter") : null,
    span: node.span,
    attributeSpans: spansOf({ name: node.name.span }, NAME_KEYS, node.attributes),
  };
}

function resolveNat(node: NatNode): Nat {
  const prefixLength = node.subnet.prefix ?? -1;
  const subnet = node.subnet.octets
    ? formatIpv4(fromOctets(node.subnet.octets))
    : node.subnet.text.split("/")[0]!;
  const nat: Nat = {
    subnet,
    prefixLength,
    cidr: `${subnet}/${prefixLength}`,
    gateway: "",
    switch: text(node.attributes, "switch") ?? defaults.natSwitch,
    netnat: text(node.attributes, "netnat") ?? defaults.netnat,
    span: node.span,
    attributeSpans: spansOf(
      { subnet: node.subnet.span, gw: node.gateway.span },
      NAT_KEYS,
      node.attributes,
    ),
  };
  nat.gateway = resolveAddress(node.gateway, nat) ?? node.gateway.text;
  return nat;
}

interface Parent {
  names: string[];
  layer: number;
  switches: Switch[];
  nat: Nat | null;
  /** How a VM naming no switch is attached: the same for all of a body's VMs. */
  unnamed: Vm["adapterSwitch"];
}

/**
 * What a host or VM body holds: its switches and NAT, resolved first so that its VMs can
 * attach to them, then its VMs.
 */
function resolveBody(
  members: readonly MemberNode[],
  names: string[],
  layer: number,
): { switches: Switch[]; nat: Nat | null; vms: Vm[] } {
  // Most bodies are empty: leaf VMs (perf, issue 6).
  if (members.length === 0) return { switches: [], nat: null, vms: [] };
  const switches = members.filter((member) => member.kind === "vswitch").map(resolveSwitch);
  const natNode = members.find((member) => member.kind === "nat");
  const nat = natNode ? resolveNat(natNode) : null;
  const self: Parent = { names, layer, switches, nat, unnamed: unnamed(names, switches, nat) };
  const vms = members
    .filter((member) => member.kind === "vm")
    .map((child) => resolveVm(child, self));
  return { switches, nat: self.nat, vms };
}

function attach(node: VmNode, parent: Parent): Vm["adapterSwitch"] {
  const named = text(node.attributes, "switch");
  if (named !== null) return { value: named, reason: "explicit" };
  return { value: parent.unnamed.value, reason: parent.unnamed.reason };
}

/** Worked out once per body; each VM gets its own copy (perf, issue 6). */
function unnamed(names: string[], switches: Switch[], nat: Nat | null): Vm["adapterSwitch"] {
  const choices = [...switches.map((item) => item.name), ...(nat ? [nat.switch] : [])];
  const owner = names[names.length - 1] ?? "";
  if (choices.length === 1) {
    return { value: choices[0]!, reason: `the only switch of "${owner}"` };
  }
  return {
    value: null,
    reason:
      choices.length === 0
        ? `"${owner}" has no switch or NAT, so the adapter stays unconnected`
        : `"${owner}" has ${choices.length} switches and none was named with \`switch NAME\``,
  };
}

function macSpoofing(node: VmNode, vm: Vm): Vm["macSpoofing"] {
  const explicit = onOff(node.attributes, "mac-spoofing");
  if (explicit !== null) return { value: explicit, reason: "explicit" };
  const bridged = vm.vms.find((child) =>
    vm.switches.some((item) => item.name === child.adapterSwitch.value),
  );
  if (bridged) {
    return {
      value: true,
      reason: `on: vm "${bridged.name}" is bridged to vswitch "${bridged.adapterSwitch.value}" inside "${vm.name}", so its frames must pass this VM's adapter (facts.md #9)`,
    };
  }
  return {
    value: false,
    reason:
      vm.vms.length > 0
        ? `off: the VMs inside "${vm.name}" are not bridged to one of its vswitches (they use its NAT or no switch)`
        : `off: "${vm.name}" hosts no VMs`,
  };
}

function resolveVm(node: VmNode, parent: Parent): Vm {
  const { attributes } = node;
  // concat sizes the array exactly; a spread grows it by push, with room for 17 (perf, issue 6).
  const names = parent.names.concat(node.name.value);
  const layer = parent.layer + 1;
  const hostsVms = node.members.some((member) => member.kind === "vm");
  const nested = attribute(attributes, "nested") !== undefined;
  const os = word(attributes, "os") ?? defaults.os;
  const adapterSwitch = attach(node, parent);
  const attachedNat = parent.nat && adapterSwitch.value === parent.nat.switch ? parent.nat : null;
  const ipNode = firstValue(attributes, "ip");
  const ip = ipNode?.kind === "address" ? resolveAddress(ipNode, attachedNat) : null;
  const gwNode = firstValue(attributes, "gw");
  const gateway =
    gwNode?.kind === "address"
      ? (resolveAddress(gwNode, attachedNat) ?? gwNode.text)
      : ip !== null && attachedNat
        ? attachedNat.gateway
        : null;
  const dns = (attribute(attributes, "dns")?.values ?? []).flatMap((value) =>
    value.kind === "address" ? [resolveAddress(value, attachedNat) ?? value.text] : [],
  );
  const generation = integer(attributes, "gen");
  const version = firstValue(attributes, "version");
  const guestHypervisor = nested || node.members.length > 0;
  const stopAction = word(attributes, "stop-action");
  const checkpoints = onOff(attributes, "checkpoints");
  const body = resolveBody(node.members, names, layer);
  const vm: Vm = {
    kind: "vm",
    name: node.name.value,
    layer,
    path: names,
    nested,
    generation: generation === 1 ? 1 : 2,
    version: version?.kind === "version" ? `${version.major}.${version.minor}` : defaults.version,
    memoryMB:
      megabytes(attributes, "memory") ??
      (nested || hostsVms ? defaults.nestedMemoryMB : defaults.memoryMB),
    dynamicMemory: onOff(attributes, "dynamic-memory") ?? false,
    cpus: integer(attributes, "cpus") ?? defaults.cpus,
    os,
    edition: edition(attributes, os),
    macSpoofing: { value: false, reason: "" },
    adapterSwitch,
    automaticStopAction:
      stopAction !== null && Object.hasOwn(stopActions, stopAction)
        ? { value: stopActions[stopAction]!, reason: "explicit" }
        : guestHypervisor
          ? {
              value: "ShutDown",
              reason: "a VM that hosts VMs cannot be saved, so it shuts down (facts.md #12)",
            }
          : { value: null, reason: "Hyper-V's default" },
    checkpoints:
      checkpoints !== null
        ? { value: checkpoints, reason: "explicit" }
        : guestHypervisor
          ? {
              value: false,
              reason: "a VM that hosts VMs should have no checkpoints (facts.md #12)",
            }
          : { value: null, reason: "Hyper-V's default" },
    network: {
      ip,
      prefixLength:
        ipNode?.kind === "address" ? (ipNode.prefix ?? attachedNat?.prefixLength ?? null) : null,
      gateway,
      dns,
    },
    disks: {
      vhd: text(attributes, "vhd"),
      iso: text(attributes, "iso"),
      newDiskMB: megabytes(attributes, "disk"),
    },
    switches: body.switches,
    nat: body.nat,
    vms: body.vms,
    span: node.span,
    attributeSpans: spansOf({ name: node.name.span }, NAME_KEYS, attributes),
  };
  vm.macSpoofing = macSpoofing(node, vm);
  return vm;
}

function resolveHost(node: HostNode): Host {
  const { attributes } = node;
  const os = word(attributes, "os") ?? defaults.os;
  const platform = word(attributes, "platform");
  const body = resolveBody(node.members, [node.name.value], 1);
  return {
    kind: "host",
    name: node.name.value,
    layer: 1,
    platform:
      platform !== null && platforms.includes(platform)
        ? (platform as Platform)
        : defaults.platform,
    cpu: word(attributes, "cpu") === "amd" ? "amd" : "intel",
    os,
    edition: edition(attributes, os),
    path: text(attributes, "path"),
    memoryMB: megabytes(attributes, "memory"),
    cpus: integer(attributes, "cpus"),
    switches: body.switches,
    nat: body.nat,
    vms: body.vms,
    span: node.span,
    attributeSpans: spansOf({ name: node.name.span }, NAME_KEYS, attributes),
  };
}

/** `source` is the file's base name: the model never carries a path of the build machine. */
export function resolve(file: FileNode, source: string): Topology {
  return {
    schemaVersion: 1,
    source: source.split(/[\\/]/).pop() ?? source,
    hosts: file.hosts.map(resolveHost),
  };
}
