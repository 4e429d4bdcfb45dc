import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { generateModelSource, modelPath, schemaPath } from "../../scripts/gen-types.js";

it("src/ir/model.ts is the generation of schema/topology.schema.json (run npx tsx scripts/gen-types.ts)", async () => {
  const fresh = await generateModelSource(readFileSync(schemaPath, "utf8"));
  expect(readFileSync(modelPath, "utf8")).toBe(fresh);
});
