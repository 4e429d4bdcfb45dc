// CONTRACT (draft): the resolved topology shared by rules, emission and topology.json.
// The rules work turns this into a JSON Schema and generates the types from it; until
// then this hand-written draft is what emission and tests code against. Keep field names.
import type { Span } from "../diagnostics/span.js";

export type OsId = string; // "ws2016" | "ws2019" | "ws2022" | "ws2025" | "win10-1607" | "win10-NNNN" | "win11"
export type Edition = "standard" | "datacenter" | "pro" | "enterprise" | "education" | "home";
export type Platform = "hyperv" | "azure" | "aws" | "vmware";

/** A derived decision and why it was taken, so that output can say why. */
export interface Decision<T> {
  value: T;
  /** "explicit" when written in the source, else a sentence for people. */
  reason: string;
}

export interface Switch {
  name: string;
  type: "external" | "internal" | "private";
  /** Physical adapter name for an external switch (`adapter 'Ethernet'`), else null. */
  adapter: string | null;
  span: Span;
}

export interface Nat {
  /** Network address, e.g. "192.168.100.0". */
  subnet: string;
  prefixLength: number;
  /** "192.168.100.0/24" */
  cidr: string;
  /** Full gateway address, e.g. "192.168.100.254". */
  gateway: string;
  /** Internal vSwitch name; default "VM-NAT". */
  switch: string;
  /** NetNat object name; default "LocalNAT". */
  netnat: string;
  span: Span;
}

export interface NetworkConfig {
  /** Full address, e.g. "192.168.100.10", or null for DHCP / unconfigured. */
  ip: string | null;
  prefixLength: number | null;
  gateway: string | null;
  dns: string[];
}

export interface Disks {
  /** An existing VHDX to copy (into the host path) and attach. */
  vhd: string | null;
  /** An ISO to attach and boot from. */
  iso: string | null;
  /** Size of a new blank VHDX in MB, or null. */
  newDiskMB: number | null;
}

/** Anything that may host VMs: a host, or a VM with members. */
export interface HypervisorPart {
  switches: Switch[];
  nat: Nat | null;
  vms: Vm[];
}

export interface Host extends HypervisorPart {
  kind: "host";
  name: string;
  layer: 1;
  platform: Platform;
  cpu: "intel" | "amd";
  os: OsId;
  edition: Edition;
  /** Where VMs and disks are stored; null means Hyper-V's default. */
  path: string | null;
  memoryMB: number | null;
  cpus: number | null;
  span: Span;
}

export interface Vm extends HypervisorPart {
  kind: "vm";
  name: string;
  /** 2 for a VM of a host, 3 for a VM inside that VM, ... */
  layer: number;
  /** Names from the host down to this VM, e.g. ["HV01", "WS2016-Outer"]. */
  path: string[];
  nested: boolean;
  generation: 1 | 2;
  /** Configuration version, e.g. "8.0". */
  version: string;
  memoryMB: number;
  dynamicMemory: boolean;
  cpus: number;
  os: OsId;
  edition: Edition;
  macSpoofing: Decision<boolean>;
  /** The parent's switch (a vswitch or a NAT switch) the VM's adapter connects to, or null. */
  adapterSwitch: Decision<string | null>;
  network: NetworkConfig;
  disks: Disks;
  span: Span;
}

export interface Topology {
  schemaVersion: 1;
  /** The source file's base name, never a path of the build machine. */
  source: string;
  hosts: Host[];
}
