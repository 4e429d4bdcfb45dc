import { describe, expect, it } from "vitest";
import { parse } from "../../src/syntax/parse.js";
import { resolve } from "../../src/ir/resolve.js";
import type { Topology, Vm } from "../../src/ir/model.js";

function model(source: string, fileName = "lab.hvnest"): Topology {
  const { file, diagnostics } = parse(source);
  expect(diagnostics).toEqual([]);
  return resolve(file, fileName);
}

function vm(topology: Topology, ...path: string[]): Vm {
  let part: { vms: Vm[] } = topology.hosts[0]!;
  let found: Vm | undefined;
  for (const name of path) {
    found = part.vms.find((candidate) => candidate.name === name);
    if (!found) throw new Error(`no vm ${name}`);
    part = found;
  }
  return found!;
}

describe("resolve", () => {
  it("fills every default of the language table", () => {
    const topology = model(
      "host HV01 < vm Outer nested < nat 192.168.100.0/24 gw .254  vm Leaf ip .10 > >",
    );
    const host = topology.hosts[0]!;
    expect(host).toMatchObject({
      cpu: "intel",
      os: "ws2016",
      edition: "datacenter",
      platform: "hyperv",
      path: null,
      memoryMB: null,
      cpus: null,
      layer: 1,
    });
    const outer = vm(topology, "Outer");
    expect(outer).toMatchObject({
      generation: 2,
      version: "8.0",
      memoryMB: 4096,
      cpus: 2,
      dynamicMemory: false,
      os: "ws2016",
      edition: "datacenter",
      layer: 2,
      path: ["HV01", "Outer"],
    });
    expect(outer.nat).toMatchObject({
      subnet: "192.168.100.0",
      prefixLength: 24,
      cidr: "192.168.100.0/24",
      gateway: "192.168.100.254",
      switch: "VM-NAT",
      netnat: "LocalNAT",
    });
    const leaf = vm(topology, "Outer", "Leaf");
    expect(leaf).toMatchObject({ memoryMB: 2048, layer: 3, path: ["HV01", "Outer", "Leaf"] });
    expect(leaf.network).toEqual({
      ip: "192.168.100.10",
      prefixLength: 24,
      gateway: "192.168.100.254",
      dns: [],
    });
    expect(leaf.adapterSwitch.value).toBe("VM-NAT");
  });

  it("gives client OSes the enterprise edition and nested VMs or parents 4GB", () => {
    const topology = model("host H os win11 < vm P < vm C > vm N nested vm L os win10-1607 >");
    expect(topology.hosts[0]!.edition).toBe("enterprise");
    expect(vm(topology, "P").memoryMB).toBe(4096);
    expect(vm(topology, "N").memoryMB).toBe(4096);
    expect(vm(topology, "L")).toMatchObject({ memoryMB: 2048, edition: "enterprise" });
  });

  it("keeps explicit values and converts sizes to MB", () => {
    const topology = model(
      "host H memory 1TB < vm V memory 3000MB cpus 3 gen 1 version 9.0 dynamic-memory on disk 60GB vhd 'C:\\b.vhdx' iso 'x.iso' >",
    );
    expect(topology.hosts[0]!.memoryMB).toBe(1048576);
    expect(vm(topology, "V")).toMatchObject({
      memoryMB: 3000,
      cpus: 3,
      generation: 1,
      version: "9.0",
      dynamicMemory: true,
      disks: { vhd: "C:\\b.vhdx", iso: "x.iso", newDiskMB: 61440 },
    });
  });

  it("attaches an adapter to the parent's only switch, a named one, or none", () => {
    const topology = model(
      "host H < vswitch E external  vm A  vm G nested < vswitch X internal  vswitch Y private  vm B  vm C switch Y > >",
    );
    expect(vm(topology, "A").adapterSwitch).toEqual({
      value: "E",
      reason: 'the only switch of "H"',
    });
    expect(vm(topology, "G", "B").adapterSwitch.value).toBeNull();
    expect(vm(topology, "G", "B").adapterSwitch.reason).toContain("2 switches");
    expect(vm(topology, "G", "C").adapterSwitch).toEqual({ value: "Y", reason: "explicit" });
  });

  it("resolves .N in gw and dns against the NAT, and keeps full addresses", () => {
    const topology = model(
      "host H < nat 10.1.0.0/16 gw .1  vm A ip 10.1.2.3 gw .1 dns .1, 8.8.8.8 >",
    );
    expect(vm(topology, "A").network).toEqual({
      ip: "10.1.2.3",
      prefixLength: 16,
      gateway: "10.1.0.1",
      dns: ["10.1.0.1", "8.8.8.8"],
    });
  });

  it("leaves .N unresolved on a vswitch, which has no subnet", () => {
    const topology = model("host H < vswitch E internal  vm A ip .10 >");
    expect(vm(topology, "A").network.ip).toBeNull();
    expect(vm(topology, "A").attributeSpans?.["ip"]).toBeDefined();
  });

  it("derives MAC spoofing on where nested VMs are bridged, off otherwise, with the reason", () => {
    const topology = model(
      "host H < vm B nested < vswitch E internal  vm X > vm N nested < nat 10.0.0.0/24 gw .254  vm Y ip .10 > vm L  vm S nested mac-spoofing off >",
    );
    expect(vm(topology, "B").macSpoofing.value).toBe(true);
    expect(vm(topology, "B").macSpoofing.reason).toContain('vm "X" is bridged to vswitch "E"');
    expect(vm(topology, "N").macSpoofing).toMatchObject({ value: false });
    expect(vm(topology, "N").macSpoofing.reason).toContain("not bridged");
    expect(vm(topology, "L").macSpoofing.reason).toContain("hosts no VMs");
    expect(vm(topology, "S").macSpoofing).toEqual({ value: false, reason: "explicit" });
  });

  it("decides stop action and checkpoints for guest hypervisors only", () => {
    const topology = model("host H < vm G nested  vm L  vm E stop-action turnoff checkpoints on >");
    expect(vm(topology, "G").automaticStopAction.value).toBe("ShutDown");
    expect(vm(topology, "G").checkpoints.value).toBe(false);
    expect(vm(topology, "L").automaticStopAction).toEqual({
      value: null,
      reason: "Hyper-V's default",
    });
    expect(vm(topology, "E").automaticStopAction).toEqual({ value: "TurnOff", reason: "explicit" });
    expect(vm(topology, "E").checkpoints).toEqual({ value: true, reason: "explicit" });
  });

  it("keeps spans of elements and attributes", () => {
    const topology = model("host H <\n  vm V memory 4GB\n>");
    const v = vm(topology, "V");
    expect(v.span).toMatchObject({ line: 2, column: 3 });
    expect(v.attributeSpans?.["memory"]).toMatchObject({ line: 2, column: 8 });
    expect(v.attributeSpans?.["name"]).toMatchObject({ line: 2, column: 6 });
  });

  it("records the file's base name as the source, never a path", () => {
    expect(model("host H", "/home/me/labs/lab.hvnest").source).toBe("lab.hvnest");
    expect(model("host H", "C:\\labs\\lab.hvnest").source).toBe("lab.hvnest");
  });

  it("does not throw on values it cannot use", () => {
    const { file } = parse(
      "host H os ws2012 cpu arm platform moon < vm V os nope edition x gen 7 nested < vm W switch Z ip .3 > >",
    );
    const topology = resolve(file, "x.hvnest");
    expect(topology.hosts[0]).toMatchObject({ os: "ws2012", cpu: "intel", platform: "hyperv" });
    expect(vm(topology, "V")).toMatchObject({ os: "nope", edition: "datacenter", generation: 2 });
  });
});
