import { describe, expect, it } from "vitest";
import { encode, encodePieces } from "../../src/emit/encode.js";

const text = (chunks: Iterable<Uint8Array>) =>
  [...chunks].map((chunk) => Buffer.from(chunk).toString("utf8")).join("");

describe("encode", () => {
  it("writes UTF-8, with a byte-order mark only when asked", () => {
    expect([...encode("é", false)]).toEqual([0xc3, 0xa9]);
    expect([...encode("é", true)]).toEqual([0xef, 0xbb, 0xbf, 0xc3, 0xa9]);
  });
});

describe("encodePieces", () => {
  it("gives the pieces' text in chunks of at least 64K characters, the last one shorter", () => {
    const pieces = Array.from({ length: 100 }, (_, i) =>
      `${String(i).padStart(3, "0")}é`.repeat(500),
    );
    const chunks = [...encodePieces(pieces)];
    expect(text(chunks)).toBe(pieces.join(""));
    expect(chunks.length).toBe(4);
    for (const chunk of chunks.slice(0, -1)) {
      expect(Buffer.from(chunk).toString("utf8").length).toBeGreaterThanOrEqual(65536);
    }
  });

  it("makes each chunk when it is read, never reading the pieces ahead", () => {
    let read = 0;
    function* pieces(): Generator<string> {
      for (let i = 0; i < 10; i++) {
        read++;
        yield "x".repeat(40000);
      }
    }
    const chunks = encodePieces(pieces());
    expect(read).toBe(0);
    chunks.next();
    expect(read).toBe(2);
    chunks.next();
    expect(read).toBe(4);
    expect([...chunks].length).toBe(3);
    expect(read).toBe(10);
  });
});
