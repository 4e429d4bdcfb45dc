import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeBundle } from "../../src/io/write-bundle.js";

const text = (s: string) => new TextEncoder().encode(s);
const MANIFEST = { path: "manifest.json", chunks: [text('{"generator":"hvnest"}\n')] };

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "hvnest-write-"));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe("writeBundle", () => {
  it("writes a new folder and leaves nothing else beside it", () => {
    const out = join(work, "out");
    writeBundle(out, [MANIFEST, { path: "1-HV01.ps1", chunks: [text("x\n")] }], { force: false });
    expect(readdirSync(out).sort()).toEqual(["1-HV01.ps1", "manifest.json"]);
    expect(readFileSync(join(out, "1-HV01.ps1"), "utf8")).toBe("x\n");
    expect(readdirSync(work)).toEqual(["out"]);
  });

  it("writes a file's chunks in order, and a chunk shared by two files into both", () => {
    const out = join(work, "out");
    const shared = text("shared runtime\n");
    writeBundle(
      out,
      [
        MANIFEST,
        { path: "1-A.ps1", chunks: [text("# A\n"), shared, text(""), text("plan A\n")] },
        { path: "1-B.ps1", chunks: [text("# B\n"), shared, text("plan B\n")] },
      ],
      { force: false },
    );
    expect(readFileSync(join(out, "1-A.ps1"), "utf8")).toBe("# A\nshared runtime\nplan A\n");
    expect(readFileSync(join(out, "1-B.ps1"), "utf8")).toBe("# B\nshared runtime\nplan B\n");
  });

  it("replaces an earlier bundle whole: files it no longer has are gone", () => {
    const out = join(work, "out");
    writeBundle(out, [MANIFEST, { path: "1-Old.ps1", chunks: [text("old\n")] }], { force: false });
    writeBundle(out, [MANIFEST, { path: "1-New.ps1", chunks: [text("new\n")] }], { force: false });
    expect(readdirSync(out).sort()).toEqual(["1-New.ps1", "manifest.json"]);
    expect(readdirSync(work)).toEqual(["out"]);
  });

  it("refuses a folder hvnest did not write, unless forced", () => {
    const out = join(work, "mine");
    mkdirSync(out);
    writeFileSync(join(out, "thesis.docx"), "precious");
    expect(() => writeBundle(out, [MANIFEST], { force: false })).toThrow(/--force/);
    expect(readFileSync(join(out, "thesis.docx"), "utf8")).toBe("precious");
    writeBundle(out, [MANIFEST], { force: true });
    expect(readdirSync(out)).toEqual(["manifest.json"]);
  });

  it("refuses a manifest.json that another tool wrote", () => {
    const out = join(work, "other");
    mkdirSync(out);
    writeFileSync(join(out, "manifest.json"), '{"generator":"someone-else"}');
    expect(() => writeBundle(out, [MANIFEST], { force: false })).toThrow(/no hvnest manifest/);
  });

  it("creates missing parent folders", () => {
    writeBundle(join(work, "new", "deeper", "out"), [MANIFEST], { force: false });
    expect(readdirSync(join(work, "new", "deeper", "out"))).toEqual(["manifest.json"]);
  });

  it("refuses a file in the way, a parent that cannot be a folder, and names that leave the folder", () => {
    writeFileSync(join(work, "file"), "x");
    expect(() => writeBundle(join(work, "file"), [MANIFEST], { force: true })).toThrow(
      /not a folder/,
    );
    expect(() => writeBundle(join(work, "file", "out"), [MANIFEST], { force: false })).toThrow(
      /cannot create its parent folder/,
    );
    for (const path of ["../evil.ps1", "a/b.ps1", "a\\b.ps1", "..", ""]) {
      expect(
        () => writeBundle(join(work, "out"), [{ path, chunks: [text("")] }], { force: false }),
        path,
      ).toThrow(/refusing to write a file named/);
    }
    expect(existsSync(join(work, "evil.ps1"))).toBe(false);
    expect(readdirSync(work)).toEqual(["file"]);
  });

  it("leaves the earlier bundle in place when writing fails", () => {
    const out = join(work, "out");
    writeBundle(out, [MANIFEST, { path: "1-A.ps1", chunks: [text("a\n")] }], { force: false });
    // Two files of one name: the second open fails half-way through the new bundle.
    const clash = [
      MANIFEST,
      { path: "1-B.ps1", chunks: [text("b\n")] },
      { path: "1-B.ps1", chunks: [text("c\n")] },
    ];
    expect(() => writeBundle(out, clash, { force: false })).toThrow(/nothing was changed/);
    expect(readdirSync(out).sort()).toEqual(["1-A.ps1", "manifest.json"]);
    expect(readdirSync(work)).toEqual(["out"]);
  });

  it("cleans up and leaves DIR untouched when the files stop coming with an error", () => {
    const out = join(work, "out");
    writeBundle(out, [MANIFEST], { force: false });
    function* failing() {
      yield MANIFEST;
      yield { path: "1-A.ps1", chunks: [text("a\n")] };
      throw new Error("render failed");
    }
    expect(() => writeBundle(out, failing(), { force: false })).toThrow(/render failed/);
    expect(readdirSync(out)).toEqual(["manifest.json"]);
    expect(readdirSync(work)).toEqual(["out"]);
  });

  it("writes a file whose chunks are made while it is written", () => {
    const out = join(work, "out");
    let made = 0;
    function* lazy() {
      for (let i = 0; i < 3; i++) {
        made++;
        yield text(`line ${i}\n`);
      }
    }
    writeBundle(out, [MANIFEST, { path: "big.json", chunks: lazy() }], { force: false });
    expect(made).toBe(3);
    expect(readFileSync(join(out, "big.json"), "utf8")).toBe("line 0\nline 1\nline 2\n");
  });

  it("replaces with --force a folder that holds folders, and a stale temporary file", () => {
    const out = join(work, "out");
    mkdirSync(join(out, "nested", "deeper"), { recursive: true });
    writeFileSync(join(out, "nested", "deeper", "x.txt"), "x");
    writeFileSync(join(work, `.out.hvnest-tmp-${process.pid}`), "stale");
    writeBundle(out, [MANIFEST], { force: true });
    expect(readdirSync(out)).toEqual(["manifest.json"]);
    expect(readdirSync(work)).toEqual(["out"]);
  });

  it("removes what builds killed half-way left beside DIR, but not a running build's", () => {
    const out = join(work, "out");
    // A process that has ended: its number names no running process (until reused).
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid!;
    const running = process.ppid;
    for (const leftover of [`.out.hvnest-tmp-${gone}`, `.out.hvnest-old-${gone}`]) {
      mkdirSync(join(work, leftover));
      writeFileSync(join(work, leftover, "1-HV01.ps1"), "stale");
    }
    mkdirSync(join(work, `.out.hvnest-tmp-${running}`));
    mkdirSync(join(work, `.other.hvnest-old-${gone}`));
    writeBundle(out, [MANIFEST], { force: false });
    expect(readdirSync(work).sort()).toEqual(
      [".other.hvnest-old-" + gone, `.out.hvnest-tmp-${running}`, "out"].sort(),
    );
  });
});
