import { describe, expect, it } from "vitest";
import { renderText, toJson } from "../../src/diagnostics/render.js";
import { parse } from "../../src/syntax/parse.js";

describe("text rendering", () => {
  it("shows position, code, message, the source line, a caret under the span, and the hint", () => {
    const text = "host HV01 <\n  vm A memory 4\n>\n";
    expect(renderText("lab.hvnest", text, parse(text).diagnostics)).toBe(
      [
        "lab.hvnest:2:15 - error HVN107: expected a size such as 4GB after `memory`, found `4`",
        "",
        "2 |   vm A memory 4",
        "  |               ^",
        "  hint: sizes take a unit: MB, GB or TB",
        "",
      ].join("\n"),
    );
  });

  it("underlines the whole span, keeping tabs so the caret lines up", () => {
    const text = "host H <\n\tvm A memory 4096\n>";
    const out = renderText("f", text, parse(text).diagnostics);
    expect(out).toContain("2 | \tvm A memory 4096\n  | \t            ^~~~\n");
  });

  it("renders a file-level diagnostic without a position", () => {
    const out = renderText("x.hvnest", null, [
      { code: "HVN121", severity: "error", message: "the file is empty" },
    ]);
    expect(out).toBe("x.hvnest - error HVN121: the file is empty\n");
  });

  it("colours only when asked", () => {
    const text = "host H < vm A memory 4 >";
    const diagnostics = parse(text).diagnostics;
    expect(renderText("f", text, diagnostics)).not.toContain("\u001b[");
    expect(renderText("f", text, diagnostics, { color: true })).toContain(
      "\u001b[31merror\u001b[0m",
    );
  });
});

describe("json rendering", () => {
  it("gives the documented fields, with null positions for file-level problems", () => {
    const diagnostics = parse("host H < vm A memory 4 >").diagnostics;
    expect(toJson("f.hvnest", diagnostics)).toEqual([
      {
        file: "f.hvnest",
        line: 1,
        column: 22,
        endLine: 1,
        endColumn: 23,
        code: "HVN107",
        severity: "error",
        message: "expected a size such as 4GB after `memory`, found `4`",
        hint: "sizes take a unit: MB, GB or TB",
      },
    ]);
    expect(toJson("e", [{ code: "HVN121", severity: "error", message: "m" }])).toEqual([
      {
        file: "e",
        line: null,
        column: null,
        endLine: null,
        endColumn: null,
        code: "HVN121",
        severity: "error",
        message: "m",
      },
    ]);
  });
});
