import { describe, expect, it } from "vitest";
import { checkChunks } from "../../src/emit/byte-policy.js";

const bytes = (s: string) => new Uint8Array(Buffer.from(s, "utf8"));

describe("checkChunks", () => {
  it.each([
    ["one clean chunk", ["a\nb\n"]],
    ["clean seams", ["a\n", "b", "\n"]],
    ["empty chunks between", ["a", "", "\n"]],
    ["a space inside a line at a seam", ["a ", "b\n"]],
  ])("accepts %s", (_what, chunks) => {
    expect(() => checkChunks("x.ps1", chunks.map(bytes))).not.toThrow();
  });

  it.each([
    ["trailing space in a chunk", ["a \nb\n"], /x\.ps1:1: trailing whitespace/],
    ["trailing tab on line 2", ["a\n", "b\t\nc\n"], /x\.ps1:2: trailing whitespace/],
    ["a space that ends one chunk before a newline", ["a\nb ", "\nc\n"], /x\.ps1:2: trailing/],
    ["the same across an empty chunk", ["a\t", "", "\n"], /x\.ps1:1: trailing/],
    ["a carriage return", ["a\r\n"], /carriage return/],
    ["no final newline", ["a\n", "b"], /exactly one newline/],
    ["two final newlines across chunks", ["a\n", "\n"], /exactly one newline/],
    ["a final space", ["a\n", "b "], /trailing whitespace/],
  ])("rejects %s", (_what, chunks, message) => {
    expect(() => checkChunks("x.ps1", chunks.map(bytes))).toThrow(message);
  });

  it("checks a shared chunk once, and still checks the seams around it", () => {
    const shared = bytes("shared\n");
    checkChunks("a.ps1", [bytes("# a\n"), shared, bytes("end\n")]);
    expect(() => checkChunks("b.ps1", [bytes("# b "), bytes("\n"), shared])).toThrow(/b\.ps1:1/);
  });
});

describe("emitBundleFiles", () => {
  it("refuses to list a file in the manifest whose chunks nobody read", async () => {
    const { emitBundleFiles } = await import("../../src/emit/bundle.js");
    const { articleTopology } = await import("./fixtures.js");
    const options = { sourceName: "a.hvnest", sourceSha256: "0".repeat(64), compilerVersion: "0" };
    expect(() => [...emitBundleFiles(articleTopology(), options)]).toThrow(/were not read/);
  });
});
