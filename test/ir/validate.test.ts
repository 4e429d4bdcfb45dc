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

  it("the shipped schema is a draft 2020-12 document describing the topology", () => {
    const schema = JSON.parse(readFileSync("schema/topology.schema.json", "utf8")) as Record<
      string,
      unknown
    >;
    expect(schema["$schema"]).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema["$ref"]).toBe("#/$defs/Topology");
  });
});
