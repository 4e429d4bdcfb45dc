import { describe, expect, it } from "vitest";
import type { ValueNode } from "../../src/syntax/ast.js";
import { attribute, firstVm, FOUR_LAYERS, ONE_LINER, parseOk } from "./helpers.js";

describe("the spec's examples", () => {
  it("parses the one-liner", () => {
    const file = parseOk(ONE_LINER);
    const host = file.hosts[0]!;
    expect(host.name.value).toBe("HV01");
    const vm = firstVm(file);
    expect(vm.name.value).toBe("WS2016-Outer");
    expect(vm.attributes.map((a) => [a.key, a.values.length])).toEqual([["nested", 0]]);
    const nat = vm.members[0]!;
    expect(nat.kind).toBe("nat");
    if (nat.kind !== "nat") return;
    expect(nat.subnet).toMatchObject({ octets: [192, 168, 100, 0], prefix: 24, hostPart: null });
    expect(nat.gateway).toMatchObject({ octets: null, hostPart: 254, prefix: null });
    expect(nat.span).toMatchObject({ line: 1, column: 38, endColumn: 66 });
    expect(vm.bodySpan).toMatchObject({ line: 1, column: 36 });
    expect(host.span).toMatchObject({ offset: 0, column: 1, endColumn: 70 });
  });

  it("parses the four layers as written in language.md", () => {
    const text = FOUR_LAYERS;
    const host = parseOk(text).hosts[0]!;
    expect(host.attributes.map((a) => a.key)).toEqual(["cpu", "os", "memory", "cpus"]);
    const [vswitch, outer] = host.members;
    expect(vswitch).toMatchObject({
      kind: "vswitch",
      switchType: "external",
      name: { value: "External" },
    });
    expect(outer).toMatchObject({
      kind: "vm",
      name: { value: "WS2016-Outer", span: { line: 5, column: 6 } },
    });
    if (outer?.kind !== "vm") return;
    expect(attribute(outer.attributes, "memory").span).toMatchObject({
      line: 5,
      column: 26,
      endColumn: 37,
    });
    const inner = outer.members[1];
    if (inner?.kind !== "vm") throw new Error("expected WS2016-Inner");
    const innermost = inner.members[1];
    expect(innermost).toMatchObject({
      kind: "vm",
      name: { value: "WS2016-Innermost" },
      members: [],
    });
    expect(innermost?.span).toMatchObject({ line: 11, column: 7 });
  });
});

/** One row per attribute of language.md's table: source, and the values the AST holds. */
const attributeTable: [string, Partial<ValueNode>[]][] = [
  ["cpu amd", [{ kind: "name", value: "amd" }]],
  ["os win10-1607", [{ kind: "name", value: "win10-1607" }]],
  ["edition datacenter", [{ kind: "name", value: "datacenter" }]],
  ["platform azure", [{ kind: "name", value: "azure" }]],
  ["path 'D:\\Hyper-V'", [{ kind: "string", value: "D:\\Hyper-V" }]],
  ["memory 512MB", [{ kind: "size", megabytes: 512 }]],
  ["memory 4gb", [{ kind: "size", megabytes: 4096 }]],
  ["memory 1TB", [{ kind: "size", megabytes: 1048576 }]],
  ["cpus 16", [{ kind: "integer", value: 16 }]],
  ["nested", []],
  ["gen 2", [{ kind: "integer", value: 2 }]],
  ["version 9.0", [{ kind: "version", major: 9, minor: 0 }]],
  ["version 10.0", [{ kind: "version", major: 10, minor: 0 }]],
  ["dynamic-memory off", [{ kind: "name", value: "off" }]],
  ["mac-spoofing on", [{ kind: "name", value: "on" }]],
  ["switch VM-NAT", [{ kind: "name", value: "VM-NAT" }]],
  ["switch 'My switch'", [{ kind: "name", value: "My switch", quoted: true }]],
  ["ip 192.168.100.10", [{ kind: "address", octets: [192, 168, 100, 10], prefix: null }]],
  ["ip 192.168.100.10/24", [{ kind: "address", octets: [192, 168, 100, 10], prefix: 24 }]],
  ["ip .10", [{ kind: "address", octets: null, hostPart: 10, prefix: null }]],
  ["ip .10/24", [{ kind: "address", hostPart: 10, prefix: 24 }]],
  ["gw .254", [{ kind: "address", hostPart: 254 }]],
  ["gw 10.0.0.1", [{ kind: "address", octets: [10, 0, 0, 1] }]],
  ["dns 10.0.0.2", [{ kind: "address", octets: [10, 0, 0, 2] }]],
  [
    "dns 10.0.0.2, 10.0.0.3,8.8.8.8",
    [
      { octets: [10, 0, 0, 2] },
      { octets: [10, 0, 0, 3] },
      { octets: [8, 8, 8, 8] },
    ] as Partial<ValueNode>[],
  ],
  ["vhd 'C:\\VHD\\base.vhdx'", [{ kind: "string", value: "C:\\VHD\\base.vhdx" }]],
  ["vhd base.vhdx", [{ kind: "string", value: "base.vhdx" }]],
  ["iso 'C:\\ISO\\ws2022.iso'", [{ kind: "string", value: "C:\\ISO\\ws2022.iso" }]],
  ["disk 200GB", [{ kind: "size", megabytes: 204800 }]],
  ["netnat LocalNAT", [{ kind: "name", value: "LocalNAT" }]],
  ["adapter 'Ethernet 2'", [{ kind: "string", value: "Ethernet 2" }]],
  // Unknown keys parse, with values as lexed: HVN214 (a topology rule) reports them.
  ["colour blue", [{ kind: "name", value: "blue" }]],
  ["weight 42", [{ kind: "integer", value: 42 }]],
  ["flag", []],
];

describe("every attribute", () => {
  it.each(attributeTable)("vm A %s", (source, values) => {
    const vm = firstVm(parseOk(`host H < vm A ${source} >`));
    expect(vm.attributes).toHaveLength(1);
    const [attr] = vm.attributes;
    expect(attr!.key).toBe(source.split(" ")[0]);
    expect(attr!.values).toHaveLength(values.length);
    values.forEach((value, i) => expect(attr!.values[i]).toMatchObject(value));
    expect(attr!.keySpan).toMatchObject({ line: 1, column: 15 });
    expect(attr!.span.endColumn).toBe(15 + source.length);
  });

  it("keeps several attributes apart, flags included", () => {
    const vm = firstVm(parseOk("host H < vm A nested memory 2GB colour nested cpus 2 >"));
    expect(vm.attributes.map((a) => [a.key, a.values.length])).toEqual([
      ["nested", 0],
      ["memory", 1],
      ["colour", 0],
      ["nested", 0],
      ["cpus", 1],
    ]);
  });

  it("parses nat and vswitch attributes and all switch types", () => {
    const host = parseOk(`host H <
      nat 10.0.0.0/8 gw 10.0.0.1 switch NAT1 netnat N1
      vswitch E external adapter 'Ethernet'
      vswitch I internal
      vswitch P private
    >`).hosts[0]!;
    expect(host.members.map((m) => (m.kind === "vswitch" ? m.switchType : m.kind))).toEqual([
      "nat",
      "external",
      "internal",
      "private",
    ]);
    expect(host.members[0]!.attributes.map((a) => a.key)).toEqual(["switch", "netnat"]);
    expect(host.members[1]!.attributes.map((a) => a.key)).toEqual(["adapter"]);
  });
});

describe("tokens and names", () => {
  it.each([
    ["HV01", "HV01", false],
    ["WS2016-Outer", "WS2016-Outer", false],
    ["2019-lab", "2019-lab", false],
    ["8.0", "8.0", false],
    ["16", "16", false],
    ["4GB", "4GB", false],
    ["10.0.0.1", "10.0.0.1", false],
    ["1.2.3", "1.2.3", false],
    ["a_b.c-d", "a_b.c-d", false],
    ["vmware", "vmware", false],
    ["hosts", "hosts", false],
    ["'Lab VM 1'", "Lab VM 1", true],
    ["'Bob''s VM'", "Bob's VM", true],
    ["'host'", "host", true],
    ["''", "", true],
  ])("a vm may be named %s", (source, value, quoted) => {
    const vm = firstVm(parseOk(`host H < vm ${source} >`));
    expect(vm.name).toMatchObject({
      kind: "name",
      value,
      quoted,
      span: { column: 13, endColumn: 13 + source.length },
    });
  });

  it("skips comments and any whitespace", () => {
    const file = parseOk("# a\nhost H # b\n\t<\t# c <\n vm A # > d\n>\n# end");
    expect(firstVm(file).name.value).toBe("A");
  });

  it("counts columns after CRLF line endings as after LF", () => {
    const crlf = parseOk("host H <\r\n  vm A memory 2GB\r\n>\r\n");
    const lf = parseOk("host H <\n  vm A memory 2GB\n>\n");
    expect(firstVm(crlf).attributes[0]!.span).toMatchObject({
      line: 2,
      column: 8,
      endLine: 2,
      endColumn: 18,
    });
    expect(firstVm(crlf).attributes[0]!.span.line).toBe(firstVm(lf).attributes[0]!.span.line);
  });

  it("keeps vm, nat and vswitch siblings in order, and several hosts", () => {
    const file = parseOk("host A < vm X vswitch S private vm Y nat 1.0.0.0/24 gw .1 > host B");
    expect(file.hosts.map((h) => h.name.value)).toEqual(["A", "B"]);
    expect(file.hosts[0]!.members.map((m) => m.kind)).toEqual(["vm", "vswitch", "vm", "nat"]);
    expect(file.hosts[1]!.bodySpan).toBeNull();
  });

  it("accepts 64 levels of nesting", () => {
    const text = "host H " + "< vm V ".repeat(63) + "> ".repeat(63);
    expect(() => parseOk(text)).not.toThrow();
  });
});
