import { describe, expect, it } from "vitest";
import { parse } from "../../src/syntax/parse.js";
import { brief } from "./helpers.js";

type Row = [
  source: string,
  code: string,
  line: number | undefined,
  column: number | undefined,
  message: string,
];

const errorTable: Row[] = [
  ["host H < vm Lab@1 >", "HVN101", 1, 13, 'unexpected character "@" in `Lab@1`'],
  ["host H < vm Café >", "HVN101", 1, 13, 'unexpected character "é" in `Café`'],
  [
    "host H path 'D:\\x\n",
    "HVN102",
    1,
    13,
    "the string `'D:\\x` is not closed before the end of the line",
  ],
  ["host H < vm < vm B > >", "HVN103", 1, 13, "expected the name of the vm after `vm`, found `<`"],
  ["host < vm B >", "HVN103", 1, 6, "expected the name of the host after `host`, found `<`"],
  [
    "host H < nat 10.0.0.0/24 .1 >",
    "HVN103",
    1,
    26,
    "expected `gw` and the gateway address after the subnet of the nat, found `.1`",
  ],
  [
    "host H < vswitch S >",
    "HVN103",
    1,
    20,
    'expected `external`, `internal` or `private` after the name of vswitch "S", found `>`',
  ],
  [
    "host H < vm A dns 1.1.1.1, >",
    "HVN103",
    1,
    28,
    "expected a value after `,` in the list of `dns`, found `>`",
  ],
  [
    "host H < vm A dns 1.1.1.1,,,,, 8.8.8.8 >",
    "HVN103",
    1,
    27,
    "expected a value after `,` in the list of `dns`, found `,`",
  ],
  [
    "host H < nat gw .1 >",
    "HVN103",
    1,
    14,
    "expected a subnet such as 192.168.100.0/24 after `nat`, found `gw`",
  ],
  [
    "host H < nat 10.0.0.0/8 gw >",
    "HVN103",
    1,
    28,
    "expected the gateway address, such as .254, after `gw`, found `>`",
  ],
  [
    "host H < vswitch >",
    "HVN103",
    1,
    18,
    "expected the name of the vswitch after `vswitch`, found `>`",
  ],
  [
    "host H < memory 2GB >",
    "HVN103",
    1,
    10,
    "expected `vm`, `nat`, `vswitch` or `>`, found `memory`",
  ],
  [
    "host H < vm A memory 2GB 4GB >",
    "HVN103",
    1,
    26,
    "expected `vm`, `nat`, `vswitch` or `>`, found `4GB`",
  ],
  ["HV01", "HVN103", 1, 1, "expected `host`, found `HV01`"],
  [
    "host H <\n  vm A",
    "HVN104",
    2,
    7,
    'expected `>` to close the body of host "H" opened at 1:8, found the end of the file',
  ],
  [
    "host H < vm 'Lab 1' < # open\n",
    "HVN104",
    1,
    22,
    "expected `>` to close the body of vm 'Lab 1' opened at 1:21, found the end of the file",
  ],
  ["vm A", "HVN105", 1, 1, "`vm` must be inside the body `< ... >` of a host or a vm"],
  [
    "nat 10.0.0.0/24 gw .1",
    "HVN105",
    1,
    1,
    "`nat` must be inside the body `< ... >` of a host or a vm",
  ],
  [
    "host H < host G >",
    "HVN105",
    1,
    10,
    "`host` is allowed only at the top level; a machine inside another is a `vm`",
  ],
  [
    "host H < nat 10.0.0.0/24 gw .1 < > >",
    "HVN105",
    1,
    32,
    "a nat has no body: `<` can follow only a host or a vm",
  ],
  ["host H > ", "HVN106", 1, 8, "unmatched `>`: there is no open body to close"],
  [
    "host H < vm A memory 4 >",
    "HVN107",
    1,
    22,
    "expected a size such as 4GB after `memory`, found `4`",
  ],
  [
    "host H < vm A disk big >",
    "HVN107",
    1,
    20,
    "expected a size such as 4GB after `disk`, found `big`",
  ],
  [
    "host H < vm A cpus 2.0 >",
    "HVN107",
    1,
    20,
    "expected a whole number such as 2 after `cpus`, found `2.0`",
  ],
  [
    "host H < vm A gen 2GB >",
    "HVN107",
    1,
    19,
    "expected a whole number such as 2 after `gen`, found `2GB`",
  ],
  [
    "host H < vm A version 9 >",
    "HVN107",
    1,
    23,
    "expected a configuration version such as 9.0 after `version`, found `9`",
  ],
  [
    "host H < vm A ip 1.2.3 >",
    "HVN107",
    1,
    18,
    "expected an address such as 192.168.100.10 or .10 after `ip`, found `1.2.3`",
  ],
  [
    "host H < vm A gw .1/24 >",
    "HVN107",
    1,
    18,
    "expected an address such as 192.168.100.254 or .254, without a /prefix after `gw`, found `.1/24`",
  ],
  [
    "host H < vm A dns 1.1.1.1, x >",
    "HVN107",
    1,
    28,
    "expected an address such as 192.168.100.254 or .254, without a /prefix after `dns`, found `x`",
  ],
  [
    "host H < nat 10.0.0.0 gw .1 >",
    "HVN107",
    1,
    14,
    "expected a subnet such as 192.168.100.0/24 after `nat`, found `10.0.0.0`",
  ],
  ["host H < vm A switch .5 >", "HVN107", 1, 22, "expected a name after `switch`, found `.5`"],
  [
    "host H < vm A nested on >",
    "HVN108",
    1,
    22,
    "`nested` is a flag and takes no value, found `on`",
  ],
  ["host H < vm A memory >", "HVN108", 1, 15, "`memory` needs a value: a size such as 4GB"],
  ["host H < vm A cpus 1, 2 >", "HVN108", 1, 23, "`cpus` takes one value, found 2"],
  [
    "host H < nat 10.0.256.0/24 gw .1 >",
    "HVN109",
    1,
    14,
    "the address `10.0.256.0/24` has an octet above 255 (256)",
  ],
  ["host H < vm A ip .10/33 >", "HVN109", 1, 18, "the prefix length /33 in `.10/33` is above 32"],
  [
    "host H < vm A cpus 99999999999999999999 >",
    "HVN109",
    1,
    20,
    "the number 99999999999999999999 in `99999999999999999999` is too large",
  ],
  [
    "host H < vm A memory 99999999999TB >",
    "HVN109",
    1,
    22,
    "the size `99999999999TB` is too large",
  ],
  ["# nothing here\n", "HVN111", undefined, undefined, "the file declares no host"],
  ["", "HVN111", undefined, undefined, "the file declares no host"],
];

describe("each syntax error", () => {
  it.each(errorTable)("%j gives %s at %i:%i", (source, code, line, column, message) => {
    expect(brief(parse(source).diagnostics)).toEqual([[code, line, column, message]]);
  });

  it("gives hints written for people", () => {
    const [diagnostic] = parse("host H < vm A memory 4 >").diagnostics;
    expect(diagnostic?.hint).toBe("sizes take a unit: MB, GB or TB");
  });
});

describe("recovery", () => {
  it("reports each broken statement once, without follow-on noise", () => {
    const text = `host HV01 <
  vm A memory 4
  vm < vm Inner >
  vm B cpus x nested 2
  vswitch S
  vm C memory 2GB
  nat 10.0.0.0/24 .1
  vm D ip 300.1.1.1
>
host HV02 < vm E dns 1.1.1.1, >`;
    expect(brief(parse(text).diagnostics).map(([code, line]) => [code, line])).toEqual([
      ["HVN107", 2],
      ["HVN103", 3],
      ["HVN107", 4],
      ["HVN108", 4],
      ["HVN103", 6],
      ["HVN103", 7],
      ["HVN109", 8],
      ["HVN103", 10],
    ]);
  });

  it("still builds the rest of the AST", () => {
    const { file } = parse("host H < vm A memory 4 cpus 2 > host G < vm B >");
    expect(file.hosts.map((h) => h.name.value)).toEqual(["H", "G"]);
    const vm = file.hosts[0]!.members[0];
    expect(vm?.kind === "vm" && vm.attributes.map((a) => a.key)).toEqual(["cpus"]);
  });

  it("points an end-of-input error at the end of the last token, even after a comment", () => {
    const [d] = parse("host H <\n  vm A memory 2GB   # trailing\n\n").diagnostics;
    expect(d?.span).toMatchObject({ line: 2, column: 18, endLine: 2, endColumn: 18 });
    expect(Number.isNaN(d?.span?.offset)).toBe(false);
  });

  it("reports a name missing at the end of the file besides the unclosed body", () => {
    expect(brief(parse("host H < vm").diagnostics)).toEqual([
      [
        "HVN104",
        1,
        12,
        'expected `>` to close the body of host "H" opened at 1:8, found the end of the file',
      ],
      ["HVN103", 1, 12, "expected the name of the vm after `vm`, found the end of the file"],
    ]);
  });

  it("reports the innermost unclosed body once", () => {
    expect(brief(parse("host H < vm A < vm B <").diagnostics)).toEqual([
      [
        "HVN104",
        1,
        23,
        'expected `>` to close the body of vm "B" opened at 1:22, found the end of the file',
      ],
    ]);
  });
});

describe("deep nesting", () => {
  it("refuses more than 64 levels with one diagnostic", () => {
    const text = "host H " + "< vm V ".repeat(65) + "> ".repeat(65);
    expect(brief(parse(text).diagnostics)).toEqual([
      ["HVN110", 1, 7 + 64 * 7 + 1, "bodies are nested more than 64 levels deep"],
    ]);
  });

  it("survives 100,000 `<` without a stack overflow", () => {
    const { diagnostics } = parse("host H " + "<".repeat(100_000));
    expect(diagnostics.map((d) => d.code)).toEqual(["HVN110"]);
  });

  it("survives 100,000 `>`, reported as one run", () => {
    expect(brief(parse("host H " + ">".repeat(100_000)).diagnostics)).toEqual([
      ["HVN106", 1, 8, "100000 unmatched `>`: there is no open body to close"],
    ]);
  });

  it("reports separate runs of unmatched `>` separately", () => {
    expect(brief(parse("host H > > host G >").diagnostics)).toEqual([
      ["HVN106", 1, 8, "2 unmatched `>`: there is no open body to close"],
      ["HVN106", 1, 19, "unmatched `>`: there is no open body to close"],
    ]);
  });
});

describe("names that are keywords", () => {
  it("are refused unquoted, with a hint to quote them", () => {
    const [d] = parse("host H < vm nested >").diagnostics;
    expect(d).toMatchObject({
      code: "HVN103",
      message: "expected the name of the vm after `vm`, found `nested`",
      hint: "`nested` is a keyword; a name that is a keyword must be quoted: 'nested'",
    });
  });
});
