import { describe, expect, it } from "vitest";
import { encode } from "../../src/emit/encode.js";

describe("encode", () => {
  it("writes UTF-8, with a byte-order mark only when asked", () => {
    expect([...encode("é", false)]).toEqual([0xc3, 0xa9]);
    expect([...encode("é", true)]).toEqual([0xef, 0xbb, 0xbf, 0xc3, 0xa9]);
  });
});
