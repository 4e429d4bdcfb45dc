import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assignFileNames, safeStem } from "../../src/emit/file-names.js";
import { buildScriptViews } from "../../src/emit/view-model.js";
import { articleTopology, host, nat, vm } from "./fixtures.js";

const BUILD = { compilerVersion: "0.0.0", source: "t.hvnest", sourceSha256: "0".repeat(64) };

describe("file names", () => {
  it("keeps safe names and replaces the rest", () => {
    expect(safeStem("WS2016-Outer")).toBe("WS2016-Outer");
    expect(safeStem("Lab VM 1")).toBe("Lab_VM_1");
    expect(safeStem("x'; rm -rf /")).toBe("x___rm_-rf__");
    expect(safeStem("Лаб")).toBe("___");
    expect(safeStem("...")).toBe("machine");
    expect(safeStem("a.")).toBe("a_");
    expect(safeStem("x".repeat(200))).toHaveLength(80);
  });
  it("keeps a name as it is only where the full reduction would", () => {
    const reduced = (name: string) => {
      const stem = name
        .replace(/[^A-Za-z0-9._-]/g, "_")
        .replace(/^\.+/, "")
        .slice(0, 80);
      return stem === "" ? "machine" : stem.replace(/\.+$/, "_");
    };
    const name = fc.oneof(
      fc.string({ unit: fc.constantFrom("a", "Z", "0", ".", "_", "-", " ", "é"), maxLength: 90 }),
      fc.constantFrom("x".repeat(80), "x".repeat(81), `${"x".repeat(79)}.`, ".x", "x.", "-", "_"),
    );
    fc.assert(
      fc.property(name, (n) => {
        expect(safeStem(n)).toBe(reduced(n));
      }),
      { numRuns: 3000 },
    );
  });
  it("never maps two machines to one file, ignoring case", () => {
    const names = assignFileNames([
      { layer: 2, name: "Lab" },
      { layer: 2, name: "lab" },
      { layer: 2, name: "Lab" },
      { layer: 2, name: "L b" },
      { layer: 2, name: "L_b" },
      { layer: 3, name: "Lab" },
    ]);
    expect(names).toEqual([
      "2-Lab.ps1",
      "2-lab-2.ps1",
      "2-Lab-3.ps1",
      "2-L_b.ps1",
      "2-L_b-2.ps1",
      "3-Lab.ps1",
    ]);
  });
});

describe("script views", () => {
  it("gives the article's chain four scripts of the right kinds, in layer order", () => {
    const views = buildScriptViews(articleTopology(), BUILD);
    expect(views.map((v) => [v.fileName, v.kind])).toEqual([
      ["1-HV01.ps1", "physical-host"],
      ["2-WS2016-Outer.ps1", "guest-hypervisor"],
      ["3-WS2016-Inner.ps1", "guest-hypervisor"],
      ["4-WS2016-Innermost.ps1", "guest-network"],
    ]);
    const outer = views[0]!.vms[0]!;
    expect(outer).toMatchObject({
      name: "WS2016-Outer",
      memoryMB: 16384,
      exposeExtensions: true,
      macSpoofing: true,
      switchName: "External",
      stopAction: "ShutDown",
    });
    expect(views[2]!.network).toEqual({
      switchName: "VM-NAT",
      ipAddress: "192.168.100.10",
      prefixLength: 24,
      gateway: "192.168.100.254",
      dns: [],
    });
    expect(views[1]!.nat).toMatchObject({ prefix: "192.168.100.0/24", netNatName: "LocalNAT" });
    expect(views[3]!.parentFile).toBe("3-WS2016-Inner.ps1");
  });

  it("runs siblings of a layer in source order, after the layer above", () => {
    const leafA = vm("A", ["H1"], {
      network: { ip: "10.0.0.5", prefixLength: 24, gateway: null, dns: [] },
      adapterSwitch: { value: "VM-NAT", reason: "x" },
    });
    const hvB = vm("B", ["H1"], { nested: true, nat: nat("10.1.0.0/24", "10.1.0.1") });
    const topology = {
      schemaVersion: 1 as const,
      source: "t.hvnest",
      hosts: [
        host("H1", { nat: nat("10.0.0.0/24", "10.0.0.1"), vms: [leafA, hvB] }),
        host("H2", { platform: "azure" }),
      ],
    };
    const views = buildScriptViews(topology, BUILD);
    expect(views.map((v) => [v.fileName, v.kind])).toEqual([
      ["1-H1.ps1", "physical-host"],
      ["1-H2.ps1", "guest-hypervisor"],
      ["2-A.ps1", "guest-network"],
      ["2-B.ps1", "guest-hypervisor"],
    ]);
  });

  it("gives a leaf VM without an address no script", () => {
    const topology = {
      schemaVersion: 1 as const,
      source: "t",
      hosts: [host("H", { vms: [vm("Quiet", ["H"])] })],
    };
    expect(buildScriptViews(topology, BUILD).map((v) => v.fileName)).toEqual(["1-H.ps1"]);
  });

  it("names disk files after the VM and keeps vhd and new disk apart", () => {
    const topology = {
      schemaVersion: 1 as const,
      source: "t",
      hosts: [
        host("H", {
          path: "D:\\Hyper-V",
          vms: [
            vm("Lab 1", ["H"], {
              disks: { vhd: "E:\\gold.VHD", iso: "E:\\ws.iso", newDiskMB: 40960 },
            }),
          ],
        }),
      ],
    };
    const [view] = buildScriptViews(topology, BUILD);
    expect(view!.vms[0]).toMatchObject({
      storagePath: "D:\\Hyper-V",
      vhdSource: "E:\\gold.VHD",
      vhdFile: "Lab_1.vhd",
      newDiskFile: "Lab_1-disk.vhdx",
      newDiskMB: 40960,
      isoPath: "E:\\ws.iso",
    });
  });
});
