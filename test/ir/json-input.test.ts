import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkSource } from "../../src/compile.js";
import type { Topology } from "../../src/ir/model.js";

const bytes = (text: string) => new TextEncoder().encode(text);

/** The model as topology.json carries it: no spans. */
function withoutSpans(topology: Topology | null): unknown {
  return JSON.parse(
    JSON.stringify(topology, (key, value: unknown) =>
      key === "span" || key === "attributeSpans" ? undefined : value,
    ),
  );
}

function resolvedJson(sample: string): string {
  const result = checkSource(sample, readFileSync(`samples/${sample}`));
  expect(result.topology).not.toBeNull();
  return JSON.stringify(withoutSpans(result.topology), null, 2);
}

describe("JSON topology input", () => {
  it.each(readdirSync("samples").filter((name) => name.endsWith(".hvnest")))(
    "accepts the resolved form of %s and reads the same model back",
    (sample) => {
      const json = resolvedJson(sample);
      const result = checkSource("lab.json", bytes(json));
      expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const expected = JSON.parse(json) as Topology;
      expected.source = "lab.json";
      expect(withoutSpans(result.topology)).toEqual(expected);
    },
  );

  it("reports invalid JSON with its line and column (HVN131)", () => {
    const result = checkSource("bad.json", bytes('{\n  "schemaVersion": 1,\n  "hosts": [ }\n}'));
    expect(result.topology).toBeNull();
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: "HVN131", span: { line: 3, column: 14 } });
    expect(result.diagnostics[0]!.message).toContain('expected a JSON value, found "}"');
  });

  it("refuses runaway nesting as invalid JSON instead of overflowing the stack", () => {
    const result = checkSource("deep.json", bytes("[".repeat(100000)));
    expect(result.diagnostics.map((d) => d.code)).toEqual(["HVN131"]);
    expect(result.diagnostics[0]!.message).toContain("nested more than 256 levels deep");
  });

  it("reports schema violations with their JSON pointer, not raw ajv text (HVN132)", () => {
    const json = resolvedJson("article-nat.hvnest")
      .replace('"memoryMB": 4096', '"memoryMB": "4GB"')
      .replace('"platform": "hyperv"', '"platform": "moon"')
      .replace('"nested": true,', '"nested": true, "colour": "blue",')
      .replace('"gateway": "192.168.100.254"', '"gateway": "192.168.100.300"')
      .replace('"os": "ws2016"', '"os": "ws2012"');
    const result = checkSource("bad.json", bytes(json));
    expect(result.topology).toBeNull();
    const messages = result.diagnostics.map(
      (d) => `${d.code} ${d.span?.line}:${d.span?.column} ${d.message}`,
    );
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^HVN132 \d+:\d+ \/hosts\/0\/platform: must be one of "hyperv", "azure", "aws", "vmware"$/,
        ),
        expect.stringMatching(/^HVN132 \d+:\d+ \/hosts\/0\/vms\/0\/memoryMB: must be integer$/),
        expect.stringMatching(
          /^HVN132 \d+:\d+ \/hosts\/0\/vms\/0\/colour: unknown property "colour"$/,
        ),
        expect.stringMatching(
          /^HVN132 \d+:\d+ \/hosts\/0\/vms\/0\/nat\/gateway: must be a dotted IPv4 address such as 192.168.100.10$/,
        ),
        expect.stringMatching(
          /^HVN132 \d+:\d+ \/hosts\/0\/os: must be an OS such as ws2016, ws2022, win10-1607 or win11$/,
        ),
      ]),
    );
    expect(result.diagnostics.every((d) => d.code === "HVN132")).toBe(true);
  });

  it("merges the alternatives of a nullable field into one message", () => {
    const json = resolvedJson("article-nat.hvnest").replace('"nat": null', '"nat": 5');
    const messages = checkSource("bad.json", bytes(json)).diagnostics.map((d) => d.message);
    expect(messages).toEqual(["/hosts/0/nat: must be object or null"]);
  });

  it("runs the topology rules on JSON input, at positions in the JSON text", () => {
    const json = resolvedJson("article-nat.hvnest").replace(
      '"dynamicMemory": false',
      '"dynamicMemory": true',
    );
    const line = json.split("\n").findIndex((text) => text.includes('"dynamicMemory": true')) + 1;
    const result = checkSource("lab.json", bytes(json));
    expect(result.topology).toBeNull();
    expect(result.diagnostics.map((d) => [d.code, d.span?.line])).toEqual([["HVN206", line]]);
  });
});
