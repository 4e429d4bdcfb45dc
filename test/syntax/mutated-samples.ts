import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";

// Mutated samples: near-valid topologies with the language's own pieces and junk spliced in,
// which reach the parser's error recovery far more often than random text does.

const samplesDir = new URL("../../samples/", import.meta.url);
const samples = readdirSync(samplesDir)
  .filter((name) => name.endsWith(".hvnest"))
  .map((name) => readFileSync(new URL(name, samplesDir), "utf8"));

const pieces = fc.constantFrom(
  ...["<", ">", ",", "'", "''", "#", "\n", "\r\n", "\r", "host", "vm", "nat", "vswitch", "gw"],
  ...["memory", "nested", "external", "4GB", "8.0", ".254", "192.168.1.0/24", "@", "é"],
  ...["\u0000", "\ufeff", "\u2028", "\t"],
);

const mutation = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 12 }),
  insert: fc.oneof(pieces, fc.string({ maxLength: 6 }), fc.constant("")),
});

/** A sample with one to six splices. */
export const mutatedSample: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...samples), fc.array(mutation, { minLength: 1, maxLength: 6 }))
  .map(([text, mutations]) => {
    let result = text;
    for (const { at, remove, insert } of mutations) {
      const position = at % (result.length + 1);
      result = result.slice(0, position) + insert + result.slice(position + remove);
    }
    return result;
  });
