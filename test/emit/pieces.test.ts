import { describe, expect, it } from "vitest";
import { fileChunks, stringifyModel, type Piece } from "../../src/emit/pieces.js";
import { jsonOutline } from "../../src/emit/json-pieces.js";

const text = (chunks: Iterable<Uint8Array>) =>
  [...chunks].map((chunk) => Buffer.from(chunk).toString("utf8")).join("");

describe("fileChunks", () => {
  it("gives the pieces' text in chunks of at least 64K characters, the last one shorter", () => {
    const pieces = Array.from({ length: 100 }, (_, i) =>
      `${String(i).padStart(3, "0")}é\n`.repeat(400),
    );
    const chunks = [...fileChunks("x.txt", pieces)];
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
        yield "x".repeat(39999) + "\n";
      }
    }
    const chunks = fileChunks("x.txt", pieces());
    expect(read).toBe(0);
    chunks.next();
    expect(read).toBe(2);
    chunks.next();
    expect(read).toBe(4);
    expect([...chunks].length).toBe(3);
    expect(read).toBe(10);
  });

  it("writes bytes as they are, between the text around them", () => {
    const shared = new TextEncoder().encode("shared\n");
    const chunks = [...fileChunks("x.txt", ["a\n", shared, "b\n"])];
    expect(chunks[1]).toBe(shared);
    expect(text(chunks)).toBe("a\nshared\nb\n");
  });

  it("makes topology.json's text as JSON.stringify of the whole would, positions left out", () => {
    const value = {
      name: "lab",
      hosts: [
        { name: "a", span: { offset: 1 }, vms: [{ name: "v" }] },
        { name: "b", vms: [] },
      ],
    };
    const pieces: Piece[] = [...jsonOutline(value, { hosts: value.hosts }, stringifyModel), "\n"];
    expect(pieces.length).toBeGreaterThan(3);
    const expected = JSON.stringify(
      value,
      (key, field: unknown) => (key === "span" ? undefined : field),
      2,
    );
    expect(text(fileChunks("x.json", pieces))).toBe(`${expected}\n`);
  });

  it("leaves out both kinds of positions, and only them", () => {
    const value = { name: "v", span: 1, nested: { attributeSpans: { cpu: 2 }, note: '"span":' } };
    expect(stringifyModel(value)).toBe(
      JSON.stringify({ name: "v", nested: { note: '"span":' } }, null, 2),
    );
    const clean = { name: "v", note: "span: attributeSpans" };
    expect(stringifyModel(clean)).toBe(JSON.stringify(clean, null, 2));
  });

  it("holds the text to the byte policy across pieces", () => {
    expect(() => [...fileChunks("x.txt", ["a \n"])]).toThrow(/x.txt:1: trailing whitespace/);
    expect(() => [...fileChunks("x.txt", ["a\n", new TextEncoder().encode("b")])]).toThrow(
      /exactly one newline/,
    );
  });
});
