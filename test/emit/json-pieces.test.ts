import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { flatItemText, jsonItemText, jsonPieces } from "../../src/emit/json-pieces.js";

const whole = (value: unknown) => JSON.stringify(value, null, 2);

describe("jsonPieces", () => {
  it("gives the text of JSON.stringify(value, null, 2), lists an item at a time", () => {
    const item = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({ name: fc.string(), vms: fc.array(fc.jsonValue({ maxDepth: 2 })) }),
    );
    fc.assert(
      fc.property(
        fc.string(),
        fc.array(item, { maxLength: 5 }),
        fc.array(item, { maxLength: 5 }),
        fc.jsonValue({ maxDepth: 2 }),
        (name, hosts, files, tail) => {
          const value = { name, hosts, between: { a: [1, 2] }, files, tail };
          const pieces = [...jsonPieces(value, { hosts, files })];
          expect(pieces.join("")).toBe(whole(value));
          expect(pieces.length).toBeGreaterThanOrEqual(hosts.length + files.length + 1);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("takes any iterable, and a stringify that drops fields", () => {
    const hosts = [{ name: "a", span: 1 }, { name: "b" }];
    const drop = (value: unknown) =>
      JSON.stringify(value, (key, field: unknown) => (key === "span" ? undefined : field), 2);
    const text = [...jsonPieces({ hosts }, { hosts: hosts.values() }, drop)].join("");
    expect(text).toBe(drop({ hosts }));
    expect(text).not.toContain("span");
  });

  it("refuses a field that is not a top-level list, or lists out of order", () => {
    expect(() => [...jsonPieces({ a: { b: [] } }, { b: [] })]).toThrow(/no top-level array/);
    expect(() => [...jsonPieces({ a: [], b: [] }, { b: [1], a: [1] })]).toThrow(/no top-level/);
  });
});

describe("flatItemText", () => {
  it("gives jsonItemText's text for any item, flat records field by field", () => {
    const field = fc.oneof(
      fc.string(),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.constantFrom(-0, Number.NaN, Number.POSITIVE_INFINITY),
    );
    const item = fc.oneof(
      fc.dictionary(fc.string(), field),
      fc.record({
        path: fc.string(),
        sha256: fc.string(),
        layer: fc.oneof(fc.integer(), fc.constant(null)),
      }),
      fc.jsonValue({ maxDepth: 2 }),
      fc.record({ when: fc.date({ noInvalidDate: true }), list: fc.array(field) }),
    );
    fc.assert(
      fc.property(item, fc.boolean(), (value, first) => {
        const piece = { json: "files", item: value, first };
        expect(flatItemText(piece)).toBe(jsonItemText(piece));
      }),
      { numRuns: 2000 },
    );
  });
});
