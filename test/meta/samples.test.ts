import { readFileSync, readdirSync } from "node:fs";
import { expect, it } from "vitest";
import { checkSource } from "../../src/compile.js";

const samples = readdirSync("samples").filter((name) => name.endsWith(".hvnest"));

it("there are valid samples", () => {
  expect(samples.length).toBeGreaterThan(0);
});

it.each(samples)("samples/%s checks clean: no errors, a resolved topology", (sample) => {
  const { diagnostics, topology } = checkSource(sample, readFileSync(`samples/${sample}`));
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  expect(topology?.source).toBe(sample);
});
