// The parser lexes long texts in pieces (LEX_PIECE characters, cut after a line break) and
// parses one top-level host at a time; positions must come out as for one piece.
import { describe, expect, it } from "vitest";
import { LEX_PIECE, parse } from "../../src/syntax/parse.js";

/** Line and column of `offset` as the spans count them: "\r\n", "\r" and "\n" end a line. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const breaks = before.match(/\r\n|\r|\n/g) ?? [];
  const lineStart = Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r")) + 1;
  return { line: breaks.length + 1, column: offset - lineStart + 1 };
}

function fleet(hosts: number, newline: string): string {
  const lines: string[] = [];
  for (let h = 1; h <= hosts; h++) {
    lines.push(`host H${h} cpu intel os ws2025 memory 64GB <`);
    for (let v = 1; v <= 20; v++) lines.push(`  vm H${h}-V${v} memory 1GB`);
    lines.push(">");
  }
  return lines.join(newline) + newline;
}

describe("parsing a text longer than one lexing piece", () => {
  for (const [label, newline] of [
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["CR", "\r"],
  ] as const) {
    it(`keeps every host's position, with ${label} line ends`, () => {
      const text = fleet(400, newline);
      expect(text.length).toBeGreaterThan(3 * LEX_PIECE);
      const { file, diagnostics } = parse(text);
      expect(diagnostics).toEqual([]);
      expect(file.hosts).toHaveLength(400);
      for (const host of file.hosts) {
        expect(text.slice(host.span.offset, host.span.offset + 5)).toBe("host ");
        expect(text[host.span.endOffset - 1]).toBe(">");
        expect({ line: host.span.line, column: host.span.column }).toEqual(
          position(text, host.span.offset),
        );
        expect({ line: host.span.endLine, column: host.span.endColumn - 1 }).toEqual(
          position(text, host.span.endOffset - 1),
        );
      }
    });
  }

  it("reports lexical and parse errors far into the text where they are", () => {
    const good = fleet(300, "\r\n");
    const bad = "-bad";
    const at = good.indexOf("memory 1GB", 2 * LEX_PIECE + 17);
    const text = `${good.slice(0, at)}${bad}${good.slice(at + "memory 1GB".length)}host Open <\r\n`;
    const { diagnostics } = parse(text);
    const lexical = diagnostics.find((d) => d.code === "HVN101");
    expect(lexical?.span?.offset).toBe(at);
    expect({ line: lexical?.span?.line, column: lexical?.span?.column }).toEqual(
      position(text, at),
    );
    const unclosed = diagnostics.find((d) => d.code === "HVN104");
    expect(unclosed?.span?.offset).toBe(text.length - 2);
    expect(unclosed?.message).toContain(`opened at ${position(text, text.length - 3).line}:`);
  });
});
