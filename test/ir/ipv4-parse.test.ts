import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatIpv4, parseIpv4 } from "../../src/ir/ipv4.js";
import { compareVersions } from "../../src/ir/os.js";

/** The definition parseIpv4 replaced: the regex and arrays version. */
function reference(text: string): number | null {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!match) return null;
  const octets = match.slice(1).map(Number);
  if (octets.some((octet) => octet > 255)) return null;
  return octets.reduce((value, octet) => value * 256 + octet, 0);
}

describe("parseIpv4", () => {
  it.each([
    ["10.0.0.1", 167772161],
    ["255.255.255.255", 4294967295],
    ["0.0.0.0", 0],
    ["010.001.0.9", 167837705],
    ["256.0.0.1", null],
    ["1.2.3", null],
    ["1.2.3.4.5", null],
    ["1..3.4", null],
    ["1.2.3.4 ", null],
    ["1.2.3.1000", null],
    ["١.2.3.4", null],
    ["", null],
  ])("%s", (text, value) => {
    expect(parseIpv4(text)).toBe(value);
  });

  it("agrees with the regex definition on addresses and near misses", () => {
    const piece = fc.oneof(
      fc.integer({ min: 0, max: 999 }).map(String),
      fc.constantFrom("", "0000", "1a", " 1", "-1", "٣"),
    );
    const candidate = fc.oneof(
      fc.array(piece, { minLength: 0, maxLength: 6 }).map((parts) => parts.join(".")),
      fc.string(),
    );
    fc.assert(
      fc.property(candidate, (text) => {
        expect(parseIpv4(text)).toBe(reference(text));
      }),
      { numRuns: 5000 },
    );
  });

  it("round-trips with formatIpv4", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (value) => {
        expect(parseIpv4(formatIpv4(value))).toBe(value);
      }),
    );
  });
});

describe("compareVersions", () => {
  it.each([
    ["8.0", "8.0", 0],
    ["9.0", "8.3", 1],
    ["8.3", "9.0", -1],
    ["10.0", "9.3", 1],
    ["8", "8.0", 0],
    ["8.1", "8", 1],
    ["12.0", "12.0.1", 0],
  ])("%s against %s", (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
  });
});
