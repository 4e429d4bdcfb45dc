import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkSource } from "../../src/compile.js";
import { parse } from "../../src/syntax/parse.js";

const samplesDir = new URL("../../samples/", import.meta.url);
const samples = readdirSync(samplesDir)
  .filter((name) => name.endsWith(".hvnest"))
  .map((name) => readFileSync(new URL(name, samplesDir), "utf8"));

/** Pieces a mutation may insert: the language's own punctuation and words, and junk. */
const pieces = fc.constantFrom(
  "<",
  ">",
  ",",
  "'",
  "''",
  "#",
  "\n",
  "\r\n",
  "host",
  "vm",
  "nat",
  "vswitch",
  "gw",
  "memory",
  "nested",
  "external",
  "4GB",
  "8.0",
  ".254",
  "192.168.1.0/24",
  "999.1.1.1/99",
  "99999999999999999999",
  "constructor",
  "toString",
  "@",
  "é",
  "\u0000",
  "\ufeff",
);

type Mutation = { at: number; remove: number; insert: string };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 12 }),
  insert: fc.oneof(pieces, fc.string({ maxLength: 6 }), fc.constant("")),
});

function mutate(text: string, mutations: Mutation[]): string {
  let result = text;
  for (const { at, remove, insert } of mutations) {
    const position = at % (result.length + 1);
    result = result.slice(0, position) + insert + result.slice(position + remove);
  }
  return result;
}

describe("random mutations of the samples", () => {
  it("never make parse throw: it returns an AST and well-formed diagnostics", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: samples.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        (which, mutations) => {
          const text = mutate(samples[which]!, mutations);
          const { file, diagnostics } = parse(text);
          expect(file.kind).toBe("file");
          for (const d of diagnostics) {
            expect(d.code).toMatch(/^HVN1\d\d$/);
            if (d.span === undefined) continue;
            expect(Number.isInteger(d.span.offset) && d.span.offset <= text.length).toBe(true);
            expect(d.span.endOffset).toBeGreaterThanOrEqual(d.span.offset);
            expect(d.span.line).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it("never make the whole check pipeline throw", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: samples.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (which, mutations) => {
          const text = mutate(samples[which]!, mutations);
          const result = checkSource("mutated.hvnest", new TextEncoder().encode(text));
          expect(Array.isArray(result.diagnostics)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("arbitrary text never makes parse throw", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: "grapheme" }), (text) => {
        expect(() => parse(text)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });
});

describe("words that name properties of every JavaScript object", () => {
  const words = ["constructor", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf"];
  const places = (word: string) => [
    `host H <\n  vm A ${word} 1\n>\n`,
    `host H <\n  vm A ${word}\n>\n`,
    `host H os ${word} <\n>\n`,
    `host H <\n  vm A os ${word}\n>\n`,
    `host H <\n  vm A stop-action ${word}\n>\n`,
    `host H <\n  vm A edition ${word}\n>\n`,
    `host H <\n  vm A switch ${word}\n>\n`,
    `host ${word} <\n  vm ${word}\n  vswitch ${word} internal\n>\n`,
    `host H <\n  vm A memory 2GB '${word}' '__proto__'\n>\n`,
  ];

  it.each(words)("%s is reported like any other word, never as an internal error", (word) => {
    for (const text of places(word)) {
      const { diagnostics } = checkSource("words.hvnest", new TextEncoder().encode(text));
      expect(diagnostics.map((d) => d.code).filter((code) => code.startsWith("HVN9"))).toEqual([]);
    }
  });

  it("an unknown attribute of that name is HVN214, an unknown os too", () => {
    const codes = (text: string) =>
      checkSource("words.hvnest", new TextEncoder().encode(text)).diagnostics.map((d) => d.code);
    expect(codes("host H <\n  vm A constructor 1\n>\n")).toContain("HVN214");
    expect(codes("host H os constructor <\n>\n")).toContain("HVN214");
  });
});

describe("size", () => {
  it("parses 10,000 nodes (the figure is printed, not asserted)", () => {
    const vms = Array.from(
      { length: 5000 },
      (_, i) =>
        `  vm V${i} nested memory 4GB cpus 2 ip .${(i % 250) + 1} <\n    vm W${i} memory 2GB\n  >\n`,
    );
    const hosts = Array.from(
      { length: 4 },
      (_, h) => `host H${h} memory 1TB <\n${vms.slice(h * 1250, (h + 1) * 1250).join("")}>\n`,
    );
    const text = hosts.join("");
    parse(text); // warm up
    const start = performance.now();
    const { file, diagnostics } = parse(text);
    const ms = performance.now() - start;
    const count = file.hosts.reduce(
      (n, h) =>
        n + 1 + h.members.reduce((m, vm) => m + 1 + (vm.kind === "vm" ? vm.members.length : 0), 0),
      0,
    );
    console.log(
      `parsed ${count} nodes (${(text.length / 1024).toFixed(0)} KiB) in ${ms.toFixed(0)} ms`,
    );
    expect(diagnostics).toEqual([]);
    expect(count).toBe(10_004);
  });

  it("checks a file of several MB", () => {
    const line =
      "  vm V nested memory 4GB cpus 2 < vm W memory 2GB > # a comment to make the line longer\n";
    const text = `host H <\n${line.repeat(40_000)}>\n`;
    expect(text.length).toBeGreaterThan(3_000_000);
    const { diagnostics } = parse(text);
    expect(diagnostics).toEqual([]);
  });
});
