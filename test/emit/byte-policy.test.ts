import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ByteChecker, ScannedBytes, checkChunks } from "../../src/emit/byte-policy.js";
import { encode } from "../../src/emit/encode.js";

const plain = (s: string) => new Uint8Array(Buffer.from(s, "utf8"));

/** The policy over the whole text at once, line by line: what the checker must report. */
function expected(path: string, text: string): string | null {
  const lines = text.split("\n");
  const last = lines.pop() as string;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.includes("\r")) return `${path}:${i + 1}: carriage return in generated text`;
    if (/[ \t]$/.test(line)) return `${path}:${i + 1}: trailing whitespace in generated text`;
  }
  const end = lines.length + 1;
  if (last.includes("\r")) return `${path}:${end}: carriage return in generated text`;
  if (/[ \t]$/.test(last)) return `${path}:${end}: trailing whitespace in generated text`;
  if (!text.endsWith("\n") || text.endsWith("\n\n")) {
    return `${path}: generated text must end with exactly one newline`;
  }
  return null;
}

function outcome(check: () => void): string | null {
  try {
    check();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

describe("the byte policy", () => {
  it("reports what a line-by-line check of the whole text reports, however it is chunked", () => {
    const text = fc
      .array(fc.constantFrom("a", "é", "\u{1d11e}", " ", "\t", "\n", "\n", "\n", "\r"), {
        maxLength: 40,
      })
      .map((cs) => cs.join(""));
    // Each piece of the text as encoded text, or as bytes the checker scans itself.
    const pieces = fc.array(fc.tuple(text, fc.boolean()), { maxLength: 6 });
    fc.assert(
      fc.property(pieces, (parts) => {
        const chunks = parts.map(([s, encoded]) => (encoded ? encode(s, false) : plain(s)));
        const whole = parts.map(([s]) => s).join("");
        expect(outcome(() => checkChunks("f.txt", chunks))).toBe(expected("f.txt", whole));
      }),
      { numRuns: 3000 },
    );
  });

  it("scans encoded text as it is encoded, a byte-order mark included", () => {
    const bytes = encode("a\nb \nc\n", true);
    expect(bytes).toBeInstanceOf(ScannedBytes);
    expect([bytes.newlines, bytes.faultLine, bytes.fault]).toEqual([1, 2, "trailing whitespace"]);
    expect(() => checkChunks("x.ps1", [encode("# x\n", true), bytes])).toThrow(
      "x.ps1:3: trailing whitespace in generated text",
    );
  });

  it("scans a view or copy of encoded text made by a typed array method", () => {
    const bytes = encode("ok\nbad \n", false);
    expect(() => checkChunks("x.txt", [bytes.subarray(3)])).toThrow(/x\.txt:1: trailing/);
    expect(() => checkChunks("x.txt", [bytes.slice(0, 2), plain(" \n")])).toThrow(/x\.txt:1:/);
  });

  it("reports a carriage return with its line", () => {
    expect(() => checkChunks("x.ps1", [plain("a\n"), encode("b\nc\r\n", false)])).toThrow(
      "x.ps1:3: carriage return in generated text",
    );
    expect(() => checkChunks("x.ps1", [encode("a\n", false), plain("b\r\n")])).toThrow(
      "x.ps1:2: carriage return in generated text",
    );
  });

  it("remembers a shared chunk's fault as well as its newlines", () => {
    const shared = plain("ok\nbad \n");
    expect(() => checkChunks("a.ps1", [plain("# a\n"), shared])).toThrow(/a\.ps1:3: trailing/);
    expect(() => checkChunks("b.ps1", [plain("# b\n\n"), shared])).toThrow(/b\.ps1:4: trailing/);
  });

  it("counts the lines of a chunk it has seen before", () => {
    const shared = plain("one\ntwo\n");
    checkChunks("a.ps1", [shared, plain("a\n")]);
    const checker = new ByteChecker("b.ps1");
    checker.push(shared);
    expect(() => checker.push(plain("b\nc \n"))).toThrow(/b\.ps1:4: trailing/);
  });
});
