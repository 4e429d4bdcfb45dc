import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkSource } from "../../src/compile.js";
import { schemaViolations, validateModel } from "../../src/ir/validate.js";

const samples = readdirSync("samples").filter((name) => name.endsWith(".hvnest"));

describe("schema validation of produced models", () => {
  it.each(samples)("the model of %s follows schema/topology.schema.json", (sample) => {
    const { topology } = checkSource(sample, readFileSync(`samples/${sample}`));
    expect(topology).not.toBeNull();
    expect(schemaViolations(topology)).toEqual([]);
  });

  it("reports a model that breaks the schema as an internal error (HVN902) saying what to report", () => {
    const { topology } = checkSource("a.hvnest", readFileSync("samples/article-nat.hvnest"));
    const broken = { ...topology!, hosts: [{ ...topology!.hosts[0]!, layer: 2 }] };
    const diagnostics = validateModel(broken);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "HVN902", severity: "error" });
    expect(diagnostics[0]!.message).toContain('"/hosts/0/layer": must be 1');
    expect(diagnostics[0]!.hint).toContain("bug in hvnest");
  });

  it("leaves a model exactly as it was, positions included, whatever it finds", () => {
    const { topology } = checkSource(
      "a.hvnest",
      readFileSync("samples/article-four-layers.hvnest"),
    );
    const before = JSON.stringify(topology);
    const keys = (value: unknown): string =>
      JSON.stringify(value, (_key, item: unknown) =>
        item && typeof item === "object" && !Array.isArray(item) ? Object.keys(item) : item,
      );
    const shape = keys(topology);
    expect(validateModel(topology)).toEqual([]);
    expect(JSON.stringify(topology)).toBe(before);
    expect(keys(topology)).toBe(shape);
    const broken = { ...topology!, hosts: [{ ...topology!.hosts[0]!, cpus: "2" }] };
    const brokenText = JSON.stringify(broken);
    expect(validateModel(broken).map((d) => d.message)).toEqual([
      'internal error: the resolved topology breaks hvnest\'s schema at "/hosts/0/cpus": must be integer or null',
    ]);
    expect(JSON.stringify(broken)).toBe(brokenText);
  });

  it("leaves source positions to makeSpan and the types; JSON input checks them when read", () => {
    const { topology } = checkSource("a.hvnest", readFileSync("samples/article-nat.hvnest"));
    const host = topology!.hosts[0]!;
    const moved = { ...topology!, hosts: [{ ...host, span: { ...host.span!, line: 1.5 } }] };
    expect(schemaViolations(moved).map((problem) => problem.pointer)).toEqual([
      "/hosts/0/span/line",
    ]);
    expect(validateModel(moved)).toEqual([]);
  });

  it("the shipped schema is a draft 2020-12 document describing the topology", () => {
    const schema = JSON.parse(readFileSync("schema/topology.schema.json", "utf8")) as Record<
      string,
      unknown
    >;
    expect(schema["$schema"]).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema["$ref"]).toBe("#/$defs/Topology");
  });
});
