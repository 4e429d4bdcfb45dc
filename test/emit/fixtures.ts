// Hand-built resolved models, so that emission can be tested without the parser and rules.
import type { Host, Nat, Topology, Vm } from "../../src/ir/model.js";

const decided = <T>(value: T) => ({ value, reason: "explicit" });

export function vm(name: string, path: string[], overrides: Partial<Vm> = {}): Vm {
  return {
    kind: "vm",
    name,
    layer: path.length + 1,
    path: [...path, name],
    nested: false,
    generation: 2,
    version: "8.0",
    memoryMB: 2048,
    dynamicMemory: false,
    cpus: 2,
    os: "ws2016",
    edition: "datacenter",
    macSpoofing: decided(false),
    adapterSwitch: decided(null),
    automaticStopAction: decided(null),
    checkpoints: decided(null),
    network: { ip: null, prefixLength: null, gateway: null, dns: [] },
    disks: { vhd: null, iso: null, newDiskMB: null },
    switches: [],
    nat: null,
    vms: [],
    ...overrides,
  };
}

export function nat(cidr: string, gateway: string, sw = "VM-NAT", netnat = "LocalNAT"): Nat {
  const [subnet, prefix] = cidr.split("/");
  return { subnet: subnet!, prefixLength: Number(prefix), cidr, gateway, switch: sw, netnat };
}

export function host(name: string, overrides: Partial<Host> = {}): Host {
  return {
    kind: "host",
    name,
    layer: 1,
    platform: "hyperv",
    cpu: "intel",
    os: "ws2016",
    edition: "datacenter",
    path: null,
    memoryMB: null,
    cpus: null,
    switches: [],
    nat: null,
    vms: [],
    ...overrides,
  };
}

/** The article's four layers (language.md). */
export function articleTopology(): Topology {
  const innermost = vm("WS2016-Innermost", ["HV01", "WS2016-Outer", "WS2016-Inner"], {
    adapterSwitch: decided("VM-NAT"),
    network: { ip: "192.168.200.10", prefixLength: 24, gateway: "192.168.200.254", dns: [] },
  });
  const inner = vm("WS2016-Inner", ["HV01", "WS2016-Outer"], {
    nested: true,
    memoryMB: 8192,
    adapterSwitch: decided("VM-NAT"),
    automaticStopAction: decided("ShutDown"),
    network: { ip: "192.168.100.10", prefixLength: 24, gateway: "192.168.100.254", dns: [] },
    nat: nat("192.168.200.0/24", "192.168.200.254"),
    vms: [innermost],
  });
  const outer = vm("WS2016-Outer", ["HV01"], {
    nested: true,
    memoryMB: 16384,
    cpus: 4,
    macSpoofing: decided(true),
    adapterSwitch: decided("External"),
    automaticStopAction: decided("ShutDown"),
    nat: nat("192.168.100.0/24", "192.168.100.254"),
    vms: [inner],
  });
  return {
    schemaVersion: 1,
    source: "article.hvnest",
    hosts: [
      host("HV01", {
        memoryMB: 131072,
        cpus: 16,
        switches: [{ name: "External", type: "external", adapter: "Ethernet" }],
        vms: [outer],
      }),
    ],
  };
}
