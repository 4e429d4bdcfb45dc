import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";

const root = new URL("../../", import.meta.url);
const version = (
  JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as { version: string }
).version;

/** An in-memory file system: a string or bytes is a file, `null` a directory. */
function run(
  argv: string[],
  files: Record<string, string | Uint8Array | null> = {},
  color = false,
) {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    readFile(path) {
      if (!(path in files)) {
        try {
          return readFileSync(new URL(path, root));
        } catch {
          throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
        }
      }
      const file = files[path];
      if (file === null) throw Object.assign(new Error(`EISDIR: ${path}`), { code: "EISDIR" });
      return typeof file === "string" ? new TextEncoder().encode(file) : file!;
    },
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    color,
  };
  const status = main(argv, io, version);
  return { status, stdout, stderr };
}

describe("hvnest check", () => {
  it("exits 0 and says so for valid files", () => {
    const result = run([
      "check",
      "samples/article-nat.hvnest",
      "samples/article-four-layers.hvnest",
    ]);
    expect(result).toEqual({ status: 0, stdout: "checked 2 files: no problems\n", stderr: "" });
  });

  it("exits 1 and renders each error with its line, caret and hint", () => {
    const result = run(["check", "lab.hvnest"], { "lab.hvnest": "host H <\n  vm A memory 4\n>\n" });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(
      [
        "lab.hvnest:2:15 - error HVN107: expected a size such as 4GB after `memory`, found `4`",
        "",
        "2 |   vm A memory 4",
        "  |               ^",
        "  hint: sizes take a unit: MB, GB or TB",
        "",
        "checked 1 file: 1 error, 0 warnings in 1 file",
        "",
      ].join("\n"),
    );
  });

  it("writes the documented JSON array with --format json", () => {
    const result = run(["check", "--format", "json", "a.hvnest", "b.hvnest"], {
      "a.hvnest": "host H < vm A memory 4 >",
      "b.hvnest": "",
    });
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual([
      {
        file: "a.hvnest",
        line: 1,
        column: 22,
        endLine: 1,
        endColumn: 23,
        code: "HVN107",
        severity: "error",
        message: "expected a size such as 4GB after `memory`, found `4`",
        hint: "sizes take a unit: MB, GB or TB",
      },
      {
        file: "b.hvnest",
        line: null,
        column: null,
        endLine: null,
        endColumn: null,
        code: "HVN121",
        severity: "error",
        message: "the file is empty",
        hint: "write a topology into it, e.g. host HV01 < vm A >",
      },
    ]);
  });

  it("exits 2 for a missing file or a directory, still checking the others", () => {
    const result = run(["check", "nope.hvnest", "dir", "samples/article-nat.hvnest"], {
      dir: null,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      "hvnest: cannot read nope.hvnest: no such file\nhvnest: cannot read dir: it is a directory; pass .hvnest files\n",
    );
    expect(result.stdout).toBe("checked 1 file: no problems\n");
  });

  it.each([
    ["an empty file", new Uint8Array(), "x - error HVN121: the file is empty"],
    [
      "a binary file",
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]),
      "x - error HVN122: the file is binary",
    ],
    [
      "a Latin-1 file",
      new Uint8Array([0x68, 0x6f, 0x73, 0x74, 0x20, 0xe9]),
      "x - error HVN123: the file is not valid UTF-8 text",
    ],
  ])("reports %s without a position", (_what, bytes, line) => {
    const result = run(["check", "x"], { x: bytes });
    expect(result.status).toBe(1);
    expect(result.stdout.startsWith(line)).toBe(true);
  });

  it("reads a UTF-8 BOM and CRLF line endings with correct columns", () => {
    const text = "\ufeffhost H <\r\n  vm A memory 4\r\n>\r\n";
    const result = run(["check", "--format", "json", "w.hvnest"], { "w.hvnest": text });
    expect(JSON.parse(result.stdout)).toMatchObject([{ line: 2, column: 15, code: "HVN107" }]);
    const plain = run(["check", "w.hvnest"], { "w.hvnest": text });
    expect(plain.stdout).toContain("2 |   vm A memory 4\n  |               ^\n");
  });

  it("checks a file of several MB", () => {
    const text = `host H <\n${"  vm V nested memory 4GB cpus 2 < vm W memory 2GB > # padding the line out\n".repeat(30_000)}>\n`;
    const result = run(["check", "--format", "json", "big.hvnest"], { "big.hvnest": text });
    expect(text.length).toBeGreaterThan(2_000_000);
    expect(result.stderr).toBe("");
    expect(Array.isArray(JSON.parse(result.stdout))).toBe(true);
  });

  it("fails on warnings only with --warnings-as-errors", () => {
    const file = "samples/invalid/HVN216-small-guest-hypervisor.hvnest";
    expect(run(["check", file]).status).toBe(0);
    expect(run(["check", "--warnings-as-errors", file]).status).toBe(1);
  });

  it("colours only when asked", () => {
    const files = { "c.hvnest": "host H < vm A memory 4 >" };
    expect(run(["check", "c.hvnest"], files).stdout).not.toContain("\u001b[");
    expect(run(["check", "c.hvnest"], files, true).stdout).toContain("\u001b[31merror\u001b[0m");
  });

  it.each([
    [["check"], "hvnest: check needs at least one FILE\n"],
    [["check", "--format", "xml", "a"], 'hvnest: unknown format "xml": use text or json\n'],
    [["check", "--frobnicate", "a"], "hvnest: Unknown option '--frobnicate'"],
    [["frobnicate"], 'hvnest: unknown command "frobnicate"; run hvnest --help\n'],
  ])("exits 2 on usage error %j", (argv, message) => {
    const result = run(argv);
    expect(result.status).toBe(2);
    expect(result.stderr.startsWith(message)).toBe(true);
  });
});

describe("hvnest", () => {
  it("prints its version from package.json", () => {
    expect(run(["--version"])).toEqual({ status: 0, stdout: `hvnest ${version}\n`, stderr: "" });
  });

  it("lists its commands with --help, and a command's usage with check --help", () => {
    expect(run(["--help"]).stdout).toMatch(/Commands:\n {2}check +parse topology files/);
    expect(run(["check", "--help"]).stdout).toContain("Usage: hvnest check FILE...");
    expect(run([]).status).toBe(2);
  });

  it("reports an unexpected exception as internal error HVN901, without a stack trace", () => {
    let stderr = "";
    const io: CliIo = {
      readFile: () => new TextEncoder().encode("host H"),
      stdout: () => {
        throw new Error("disk on fire");
      },
      stderr: (text) => void (stderr += text),
      color: false,
    };
    expect(main(["check", "x"], io, version)).toBe(1);
    expect(stderr).toBe(
      "hvnest: internal error HVN901: disk on fire\nthis is a bug in hvnest; please report it with the input file and this message\n",
    );
  });
});
