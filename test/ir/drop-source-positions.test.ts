import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkSource } from "../../src/compile.js";
import { emitBundle } from "../../src/emit/bundle.js";
import { dropSourcePositions } from "../../src/ir/drop-source-positions.js";
import type { Topology } from "../../src/ir/model.js";

const SAMPLE = "samples/article-four-layers.hvnest";

function checked(): Topology {
  const topology = checkSource(SAMPLE, readFileSync(SAMPLE)).topology;
  if (topology === null) throw new Error(`${SAMPLE} does not check`);
  return topology;
}

const options = { sourceName: "a.hvnest", sourceSha256: "0".repeat(64), compilerVersion: "0" };

describe("dropSourcePositions", () => {
  it("leaves no span or attributeSpans anywhere in the model", () => {
    const topology = checked();
    expect(JSON.stringify(topology)).toContain('"attributeSpans"');
    dropSourcePositions(topology);
    expect(JSON.stringify(topology)).not.toMatch(/"span"|"attributeSpans"/);
  });

  it("changes no emitted byte", () => {
    const before = emitBundle(checked(), options);
    const topology = checked();
    dropSourcePositions(topology);
    expect(emitBundle(topology, options)).toEqual(before);
  });
});
