import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { main } from "../../src/cli/main.js";
import type { CliIo } from "../../src/cli/io.js";
import { checkSource } from "../../src/compile.js";

function check(...argv: string[]) {
  let stdout = "";
  const io: CliIo = {
    readFile: (path) => readFileSync(path),
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stdout += text),
    color: false,
  };
  return { status: main(["check", ...argv], io, "0.0.0"), stdout };
}

describe("hvnest check with topology rules", () => {
  it("exits 1 on a rule error and shows the code and position", () => {
    const { status, stdout } = check("samples/invalid/HVN206-dynamic-memory.hvnest");
    expect(status).toBe(1);
    expect(stdout).toContain("HVN206-dynamic-memory.hvnest:3:19 - error HVN206");
  });

  it("exits 0 on warnings, 1 with --warnings-as-errors", () => {
    expect(check("samples/invalid/HVN215-memory-budget.hvnest").status).toBe(0);
    expect(
      check("samples/invalid/HVN215-memory-budget.hvnest", "--warnings-as-errors").status,
    ).toBe(1);
  });

  it("reports every finding of a file in one run, sorted by position", () => {
    const source =
      "host H cpus 2 <\n  vm B nested gen 1 dynamic-memory on cpus 4\n  vm A memory 3001MB\n>";
    const { diagnostics, topology } = checkSource("x.hvnest", new TextEncoder().encode(source));
    expect(topology).toBeNull();
    expect(diagnostics.map((d) => `${d.code}@${d.span?.line}:${d.span?.column}`)).toEqual([
      "HVN203@2:15",
      "HVN206@2:21",
      "HVN214@2:39",
      "HVN214@3:8",
    ]);
  });

  it("drops a rule finding where the parser already reported an error", () => {
    // The unterminated name is one HVN102; judging the made-up name (HVN211) would be noise.
    const { diagnostics } = checkSource("x.hvnest", new TextEncoder().encode("host H < vm 'A >"));
    expect(diagnostics.map((d) => d.code)).toEqual(["HVN102", "HVN104"]);
  });

  it("never throws, whatever the input, and places findings inside the text", () => {
    const words = [
      "host",
      "vm",
      "nat",
      "vswitch",
      "<",
      ">",
      "H",
      "A",
      "nested",
      "memory",
      "2GB",
      "3001MB",
      "cpus",
      "0",
      "ip",
      ".10",
      "gw",
      ".254",
      "10.0.0.0/24",
      "switch",
      "E",
      "external",
      "internal",
      "os",
      "ws2016",
      "win11",
      "cpu",
      "amd",
      "version",
      "9.0",
      "gen",
      "1",
      "mac-spoofing",
      "off",
      "dns",
      ",",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 40 }), (tokens) => {
        const text = tokens.join(" ");
        const { diagnostics } = checkSource("fuzz.hvnest", new TextEncoder().encode(text || " "));
        for (const d of diagnostics) {
          expect(d.code).not.toBe("HVN901");
          expect(d.code).not.toBe("HVN902");
          if (d.span) expect(d.span.endOffset).toBeLessThanOrEqual(Math.max(text.length, 1));
        }
      }),
      { numRuns: 300 },
    );
  });
});
