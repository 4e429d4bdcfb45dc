// Simulated machines for the topology's nodes, and what "converged" means for each.
import type { Located, SimState, TopoMachine, TopoVm } from "./harness.js";

interface OsFacts {
  build: number;
  caption: string;
  /** Configuration versions this OS's Hyper-V creates (facts.md #4). */
  versions: string[];
  /** WinNAT on WS2016-era builds takes one NAT network (facts.md #10). */
  netNatLimit: number;
}

const serverVersions = {
  ws2016: ["5.0", "6.2", "7.0", "7.1", "8.0"],
  ws2019: ["5.0", "6.2", "7.0", "7.1", "8.0", "8.1", "8.2", "8.3", "9.0"],
  ws2022: [
    "5.0",
    "6.2",
    "7.0",
    "7.1",
    "8.0",
    "8.1",
    "8.2",
    "8.3",
    "9.0",
    "9.1",
    "9.2",
    "9.3",
    "10.0",
  ],
};
const win11Versions = [...serverVersions.ws2022, "11.0"];
const ws2025Versions = [...serverVersions.ws2022, "11.0", "12.0"];

const win10Builds: Record<string, number> = {
  "1607": 14393,
  "1703": 15063,
  "1709": 16299,
  "1803": 17134,
  "1809": 17763,
  "1903": 18362,
  "1909": 18363,
  "2004": 19041,
  "20h2": 19042,
  "21h1": 19043,
  "21h2": 19044,
  "22h2": 19045,
};

function osFacts(os: string, edition: string): OsFacts {
  const ed = edition.charAt(0).toUpperCase() + edition.slice(1);
  switch (os) {
    case "ws2016":
      return {
        build: 14393,
        caption: `Microsoft Windows Server 2016 ${ed}`,
        versions: serverVersions.ws2016,
        netNatLimit: 1,
      };
    case "ws2019":
      return {
        build: 17763,
        caption: `Microsoft Windows Server 2019 ${ed}`,
        versions: serverVersions.ws2019,
        netNatLimit: 1,
      };
    case "ws2022":
      return {
        build: 20348,
        caption: `Microsoft Windows Server 2022 ${ed}`,
        versions: serverVersions.ws2022,
        netNatLimit: 1,
      };
    case "ws2025":
      return {
        build: 26100,
        caption: `Microsoft Windows Server 2025 ${ed}`,
        versions: ws2025Versions,
        netNatLimit: 1,
      };
    case "win11":
      return {
        build: 22631,
        caption: `Microsoft Windows 11 ${ed}`,
        versions: win11Versions,
        netNatLimit: 1,
      };
    default: {
      const release = /^win10-(\w+)$/.exec(os)?.[1]?.toLowerCase() ?? "1607";
      const build = win10Builds[release] ?? 19045;
      const versions = build >= 17763 ? serverVersions.ws2019 : serverVersions.ws2016;
      return { build, caption: `Microsoft Windows 10 ${ed}`, versions, netNatLimit: 1 };
    }
  }
}

const skus: Record<string, number> = {
  standard: 7,
  datacenter: 8,
  enterprise: 4,
  pro: 48,
  education: 121,
  home: 101,
};

export interface MachineOptions {
  /** The Hyper-V role is already active (skips the install and restart). */
  roleInstalled?: boolean;
  cpuVendor?: "intel" | "amd";
  build?: number;
  caption?: string;
  edition?: string;
  vtx?: boolean;
  vbs?: boolean;
  /** false: Set-VMProcessor lacks -ExposeVirtualizationExtensions (Hyper-V before 14393). */
  exposeParameter?: boolean;
}

function isServer(os: string): boolean {
  return os.startsWith("ws");
}

/** A fresh machine for a node: the OS its topology names, nothing of the topology built. */
export function freshMachine(located: Located, options: MachineOptions = {}): SimState {
  const { node, host } = located;
  const isVm = node.kind === "vm";
  const facts = osFacts(node.os, options.edition ?? node.edition);
  const vendor = options.cpuVendor ?? host.cpu ?? "intel";
  const build = options.build ?? facts.build;
  const amdNested = vendor === "intel" || build >= (isServer(node.os) ? 20348 : 22000);
  const vtx = options.vtx ?? true;
  const roleInstalled = options.roleInstalled ?? false;
  const edition = options.edition ?? node.edition;
  const files: string[] = [];
  for (const vm of node.vms) {
    if (vm.disks.vhd) files.push(vm.disks.vhd);
    if (vm.disks.iso) files.push(vm.disks.iso);
  }
  const adapters = new Set<string>();
  for (const sw of node.switches)
    if (sw.type === "external") adapters.add(sw.adapter ?? "Ethernet");
  if (adapters.size === 0 || isVm) adapters.add("Ethernet");
  const ownSwitch = isVm ? (node as TopoVm).adapterSwitch.value : null;
  let index = 4;
  const netAdapters = [...adapters].sort().map((name) => ({
    name,
    interfaceIndex: index++,
    interfaceDescription: isVm
      ? "Microsoft Hyper-V Network Adapter"
      : "Simulated Ethernet Controller",
    status: "Up",
    // The parent names this VM's adapter after its switch, with device naming on.
    hyperVName: isVm && name === "Ethernet" ? ownSwitch : null,
    macAddress: `00-15-5D-00-01-${index.toString(16).padStart(2, "0").toUpperCase()}`,
  }));
  return {
    machine: {
      name: node.name,
      os: {
        BuildNumber: String(build),
        Caption: options.caption ?? facts.caption,
        ProductType: isServer(node.os) ? 3 : 1,
        OperatingSystemSKU: skus[edition] ?? 8,
      },
      edition,
      cpu: {
        Manufacturer: vendor === "amd" ? "AuthenticAMD" : "GenuineIntel",
        VirtualizationFirmwareEnabled: vtx,
        SecondLevelAddressTranslationExtensions: vtx,
        VMMonitorModeExtensions: vtx,
      },
      cpus: node.cpus ?? 8,
      memoryMB: node.memoryMB ?? 65536,
      // Inside a VM a hypervisor always runs; on a host only once the role is active.
      hypervisorPresent: isVm || roleInstalled,
      virtualizationAvailable: isVm ? (node as TopoVm).nested : vtx,
      nestedSupported: amdNested,
      exposeSupported: true,
      exposeParameter: options.exposeParameter ?? true,
      role: roleInstalled ? "Installed" : "Available",
      vbsStatus: options.vbs ? 2 : 0,
      supportedVersions: facts.versions,
      defaultVersion: facts.versions[facts.versions.length - 1],
      netNatLimit: facts.netNatLimit,
      // Client Hyper-V creates VMs with dynamic memory (HyperVDsc#89).
      newVmDynamicMemory: !isServer(node.os),
      vmPath: "C:\\ProgramData\\Microsoft\\Windows\\Hyper-V",
      vhdPath: "C:\\Users\\Public\\Documents\\Hyper-V\\Virtual Hard Disks",
    },
    vms: [],
    switches: [],
    netAdapters,
    ipAddresses: [],
    routes: [],
    dnsServers: {},
    netNats: [],
    files,
  };
}

function onOff(value: boolean): string {
  return value ? "On" : "Off";
}

/** Differences between the simulated machine and what the topology says about it. */
export function convergenceProblems(node: TopoMachine, state: SimState): string[] {
  const problems: string[] = [];
  const expect = (what: string, actual: unknown, wanted: unknown) => {
    if (JSON.stringify(actual) !== JSON.stringify(wanted)) {
      problems.push(
        `${what}: is ${JSON.stringify(actual)}, topology says ${JSON.stringify(wanted)}`,
      );
    }
  };
  if (node.vms.length > 0 || node.nat !== null || node.switches.length > 0) {
    expect(`${node.name}: Hyper-V role`, state.machine.role, "Installed");
  }
  for (const sw of node.switches) {
    const found = state.switches.filter((s) => s.name === sw.name);
    expect(`switch '${sw.name}' count`, found.length, 1);
    if (found[0]) expect(`switch '${sw.name}' type`, found[0].switchType.toLowerCase(), sw.type);
    if (found[0] && sw.type === "external" && sw.adapter)
      expect(`switch '${sw.name}' adapter`, found[0].netAdapterName, sw.adapter);
  }
  if (node.nat) {
    const nat = node.nat;
    const found = state.switches.filter((s) => s.name === nat.switch);
    expect(
      `NAT switch '${nat.switch}'`,
      found.map((s) => s.switchType),
      ["Internal"],
    );
    const alias = `vEthernet (${nat.switch})`;
    const gw = state.ipAddresses.filter((a) => a.interfaceAlias === alias);
    expect(
      `gateway address on '${alias}'`,
      gw.map((a) => `${a.ipAddress}/${a.prefixLength}`),
      [`${nat.gateway}/${nat.prefixLength}`],
    );
    expect(
      `NetNat`,
      state.netNats.map((n) => `${n.name} ${n.internalIPInterfaceAddressPrefix}`),
      [`${nat.netnat} ${nat.cidr}`],
    );
  } else {
    expect("NetNat", state.netNats.length, 0);
  }
  for (const vm of node.vms) {
    const found = state.vms.filter((v) => v.name === vm.name);
    expect(`VM '${vm.name}' count`, found.length, 1);
    const v = found[0];
    if (!v) continue;
    expect(`VM '${vm.name}' generation`, v.generation, vm.generation);
    expect(`VM '${vm.name}' version`, v.version, vm.version);
    expect(`VM '${vm.name}' startup memory`, v.memoryStartupBytes, vm.memoryMB * 1024 * 1024);
    expect(`VM '${vm.name}' dynamic memory`, v.dynamicMemory, vm.dynamicMemory);
    expect(`VM '${vm.name}' vCPUs`, v.processorCount, vm.cpus);
    expect(`VM '${vm.name}' exposed virtualization extensions`, v.expose, vm.nested);
    const sw = vm.adapterSwitch.value;
    if (sw !== null) {
      const connected = v.adapters.filter((a) => a.switchName === sw);
      expect(`VM '${vm.name}' adapters on '${sw}'`, connected.length, 1);
      if (connected[0])
        expect(
          `VM '${vm.name}' MAC spoofing`,
          connected[0].macAddressSpoofing,
          onOff(vm.macSpoofing.value),
        );
    }
  }
  if (node.kind === "vm") {
    const net = (node as TopoVm).network;
    if (net.ip !== null) {
      const own = state.netAdapters.find((a) => a.hyperVName !== null) ?? state.netAdapters[0]!;
      const addresses = state.ipAddresses.filter((a) => a.interfaceAlias === own.name);
      expect(
        `${node.name} address`,
        addresses.map((a) => `${a.ipAddress}/${a.prefixLength}`),
        [`${net.ip}/${net.prefixLength}`],
      );
      if (net.gateway !== null) {
        const routes = state.routes.filter((r) => r.destinationPrefix === "0.0.0.0/0");
        expect(
          `${node.name} default gateway`,
          routes.map((r) => `${r.interfaceAlias} ${r.nextHop}`),
          [`${own.name} ${net.gateway}`],
        );
      }
      if (net.dns.length > 0)
        expect(`${node.name} DNS servers`, state.dnsServers[own.name] ?? [], net.dns);
    }
  }
  return problems;
}

/** JSON with sorted keys: PowerShell hashtables keep no stable key order across processes. */
export function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v !== null && typeof v === "object") {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([k, x]) => [k, sort(x)]),
      );
    }
    return v;
  };
  return JSON.stringify(sort(value));
}

/** The parts of a state that a topology describes, without ids, for comparing runs. */
export function essentialState(state: SimState): unknown {
  const byName = <T extends { name: string }>(items: T[]) =>
    [...items].sort((a, b) => (a.name < b.name ? -1 : 1));
  return {
    role: state.machine.role,
    vms: byName(state.vms).map((v) => ({
      name: v.name,
      generation: v.generation,
      version: v.version,
      state: v.state,
      memory: v.memoryStartupBytes,
      dynamic: v.dynamicMemory,
      cpus: v.processorCount,
      expose: v.expose,
      stop: v["automaticStopAction"],
      adapters: v.adapters,
      disks: v["hardDisks"],
      dvd: v["dvdDrives"],
    })),
    switches: byName(state.switches),
    ip: [...state.ipAddresses]
      .map((a) => `${a.interfaceAlias} ${a.ipAddress}/${a.prefixLength}`)
      .sort(),
    routes: state.routes
      .map((r) => `${r.interfaceAlias} ${r.destinationPrefix} ${r.nextHop}`)
      .sort(),
    dns: state.dnsServers,
    nat: state.netNats,
    files: [...state.files].sort(),
  };
}
