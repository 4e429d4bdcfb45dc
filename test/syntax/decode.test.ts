import { describe, expect, it } from "vitest";
import { decode } from "../../src/syntax/decode.js";

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe("decode", () => {
  it("returns UTF-8 text unchanged, CRLF included", () => {
    expect(decode(utf8("host H\r\n< vm 'Café' >"))).toEqual({
      text: "host H\r\n< vm 'Café' >",
      diagnostic: null,
    });
  });

  it("drops a UTF-8 byte-order mark", () => {
    expect(decode(bytes(0xef, 0xbb, 0xbf, 0x68))).toEqual({ text: "h", diagnostic: null });
  });

  it.each([
    ["an empty file", bytes(), "HVN121", "the file is empty"],
    [
      "a binary file",
      bytes(0x89, 0x50, 0x4e, 0x47, 0x00, 0x01),
      "HVN122",
      "the file is binary (it contains NUL bytes), not a topology",
    ],
    ["UTF-16 text", bytes(0xff, 0xfe, 0x68, 0x00), "HVN122", "the file is UTF-16 text, not UTF-8"],
    ["Latin-1 text", bytes(0x68, 0xe9, 0x20), "HVN123", "the file is not valid UTF-8 text"],
    ["a truncated UTF-8 sequence", bytes(0x68, 0xc3), "HVN123", "the file is not valid UTF-8 text"],
  ])("reports %s as a file-level diagnostic", (_what, input, code, message) => {
    const result = decode(input);
    expect(result.text).toBeNull();
    expect(result.diagnostic).toMatchObject({ code, message, severity: "error" });
    expect(result.diagnostic?.span).toBeUndefined();
  });
});
