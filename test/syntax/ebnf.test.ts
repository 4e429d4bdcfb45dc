import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { grammarEbnf } from "../../grammar/ebnf.js";

const path = new URL("../../grammar/hvnest.ebnf", import.meta.url);

describe("grammar/hvnest.ebnf", () => {
  it("is the EBNF generated from the parser", () => {
    const generated = grammarEbnf();
    if (process.env["HVNEST_UPDATE_GOLDEN"] === "1") writeFileSync(path, generated);
    expect(readFileSync(path, "utf8")).toBe(generated);
  });

  it("names every rule of the language", () => {
    const ebnf = grammarEbnf();
    for (const rule of ["file", "host", "vm", "nat", "vswitch", "attribute", "body"]) {
      expect(ebnf).toMatch(new RegExp(`^${rule} = `, "m"));
    }
  });
});
