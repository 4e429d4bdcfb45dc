// topology.json is written host by host; its bytes must be those of one JSON.stringify.
import { describe, expect, it } from "vitest";
import { emitBundle, fileBytes } from "../../src/emit/bundle.js";
import type { Topology } from "../../src/ir/model.js";
import { articleTopology, host, vm } from "./fixtures.js";

const options = { sourceName: "a.hvnest", sourceSha256: "0".repeat(64), compilerVersion: "0" };

function whole(topology: Topology): string {
  const json = JSON.stringify(
    topology,
    (key, value: unknown) => (key === "span" || key === "attributeSpans" ? undefined : value),
    2,
  );
  return `${json}\n`;
}

function written(topology: Topology): string {
  const file = emitBundle(topology, options).find((f) => f.path === "topology.json");
  return new TextDecoder().decode(file && fileBytes(file));
}

describe("topology.json", () => {
  it("is one JSON.stringify of the model, for several hosts, spans and non-ASCII names", () => {
    const span = { offset: 1, line: 1, column: 2, endOffset: 3, endLine: 1, endColumn: 4 };
    const topology: Topology = {
      ...articleTopology(),
      hosts: [
        ...articleTopology().hosts,
        host("Café-\u{1F600}", { span, attributeSpans: { name: span }, vms: [vm("Zoë", ["x"])] }),
        host("HV03 'quoted' \"name\"\\", { cpu: "amd" }),
      ],
    };
    const text = written(topology);
    expect(text).toBe(whole(topology));
    expect(text).toContain("Café-\u{1F600}");
    expect(text).not.toContain('"span"');
  });

  it("is one JSON.stringify of a model without hosts", () => {
    const topology: Topology = { ...articleTopology(), hosts: [] };
    expect(written(topology)).toBe(whole(topology));
  });
});
