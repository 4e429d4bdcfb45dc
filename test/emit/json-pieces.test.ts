import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonNumber, jsonOutline, jsonString } from "../../src/emit/json-pieces.js";

const whole = (value: unknown) => JSON.stringify(value, null, 2);

type Stringify = (value: unknown) => string;

function jsonPieces(
  value: Record<string, unknown>,
  streamed: Record<string, Iterable<unknown>>,
  stringify?: Stringify,
): string[] {
  return [...jsonOutline(value, streamed, stringify)];
}

describe("jsonOutline", () => {
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

describe("jsonString and jsonNumber", () => {
  it("print what JSON.stringify prints", () => {
    const unit = fc.oneof(
      fc.constantFrom(
        "a",
        '"',
        "\\",
        "\u001f",
        "\u007f",
        "\u2028",
        "\ud800",
        "\udc00",
        "\u{1f600}",
      ),
      fc.string({ unit: "binary", maxLength: 1 }),
    );
    fc.assert(
      fc.property(fc.string({ unit }), (text) => {
        expect(jsonString(text)).toBe(JSON.stringify(text));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer(), fc.constant(-0)), (n) => {
        expect(jsonNumber(n)).toBe(JSON.stringify(n));
      }),
      { numRuns: 1000 },
    );
  });
});
