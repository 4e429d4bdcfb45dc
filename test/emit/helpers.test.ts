import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  helpers,
  markdownText,
  mermaidText,
  psBoolean,
  psBytesFromMB,
  psString,
  psStringArray,
} from "../../src/emit/helpers.js";

const PWSH = ".tools/pwsh/pwsh";
// Handlebars passes its options object last; the helpers ignore its content.
const OPTIONS = { hash: {} };

describe("psString", () => {
  it("wraps plain text in single quotes", () => {
    expect(psString("WS2016-Outer")).toBe("'WS2016-Outer'");
    expect(psString("")).toBe("''");
  });
  it("doubles the ASCII quote and U+2018..U+201B", () => {
    expect(psString("it's")).toBe("'it''s'");
    expect(psString("\u2018a\u2019b\u201Ac\u201Bd")).toBe(
      "'\u2018\u2018a\u2019\u2019b\u201A\u201Ac\u201B\u201Bd'",
    );
  });
  it("leaves $, backticks, double quotes and non-ASCII as they are", () => {
    expect(psString('$env:PATH `n "x" $(Get-Date)')).toBe("'$env:PATH `n \"x\" $(Get-Date)'");
    expect(psString("Лаб-ВМ 実験 ü")).toBe("'Лаб-ВМ 実験 ü'");
  });
  it("keeps control characters out of the text", () => {
    expect(psString("a\nb")).toBe("('' + 'a' + [char]10 + 'b')");
    expect(psString("\r\n")).toBe("('' + [char]13 + [char]10)");
    expect(psString("x\u2028")).toBe("('' + 'x' + [char]8232)");
    expect(psString("a'\tb")).toBe("('' + 'a''' + [char]9 + 'b')");
  });
});

describe("other helpers", () => {
  it("psBool", () => {
    expect(psBoolean(true)).toBe("$true");
    expect(psBoolean(false)).toBe("$false");
    expect(helpers.psBool(true, OPTIONS)).toBe("$true");
    expect(() => helpers.psBool("true", OPTIONS)).toThrow(/boolean/);
  });
  it("psArray", () => {
    expect(psStringArray([])).toBe("@()");
    expect(psStringArray(["a", "b'c"])).toBe("@('a', 'b''c')");
    expect(() => helpers.psArray(["a", 1], OPTIONS)).toThrow(/string/);
    expect(() => helpers.psArray("a", OPTIONS)).toThrow(/array/);
  });
  it("psBytes and psInt", () => {
    expect(psBytesFromMB(2048)).toBe("2147483648");
    expect(helpers.psBytes(16384, OPTIONS)).toBe("17179869184");
    expect(helpers.psBytes(0, OPTIONS)).toBe("0");
    expect(() => helpers.psBytes(1.5, OPTIONS)).toThrow(/integer/);
    expect(() => helpers.psBytes(-1, OPTIONS)).toThrow(/>= 0/);
    expect(helpers.psInt(24, OPTIONS)).toBe("24");
    expect(() => helpers.psInt("24", OPTIONS)).toThrow(/integer/);
  });
  it("version accepts only plain version strings", () => {
    expect(helpers.version("0.1.0-rc.1", OPTIONS)).toBe("0.1.0-rc.1");
    expect(() => helpers.version("1.0 #>", OPTIONS)).toThrow(/plain version/);
  });
  it("md escapes markup, table breaks and newlines", () => {
    expect(markdownText("a|b")).toBe("a\\|b");
    expect(markdownText("*x* _y_ `z` [l](u) ~s~ \\")).toBe(
      "\\*x\\* \\_y\\_ \\`z\\` \\[l\\](u) \\~s\\~ \\\\",
    );
    expect(markdownText("<b>&amp;</b>")).toBe("&lt;b&gt;&amp;amp;&lt;/b&gt;");
    expect(markdownText("one\ntwo\r\nthree")).toBe("one two three");
    expect(markdownText("Лаб 'x' $y")).toBe("Лаб 'x' $y");
    expect(helpers.md(3, OPTIONS)).toBe("3");
  });
  it("md in one pass equals the three passes it replaced (line breaks, markup, entities)", () => {
    const threePasses = (value: string) =>
      value
        .replace(/\r\n|\r|\n|[\u0000-\u001F\u007F\u0085\u2028\u2029]/g, " ")
        .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
        .replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!);
    const tricky = fc.constantFrom(..."\r\n\t\u0000\u0085\u2028\\`*_[]|~&<>a é'");
    fc.assert(
      fc.property(
        fc.string({ unit: fc.oneof(tricky, fc.string({ minLength: 1, maxLength: 1 })) }),
        (value) => {
          expect(markdownText(value)).toBe(threePasses(value));
        },
      ),
      { numRuns: 2000 },
    );
  });
  it("mermaid escapes quotes, brackets and markup as entities", () => {
    expect(mermaidText('a "b" [c] (d) {e} <f> #g |h| `i` &j')).toBe(
      "a #34;b#34; #91;c#93; #40;d#41; #123;e#125; #60;f#62; #35;g #124;h#124; #96;i#96; #38;j",
    );
    expect(mermaidText("a\nb")).toBe("a b");
  });
  it("every helper throws on a missing value or a wrong argument count", () => {
    for (const [name, fn] of Object.entries(helpers)) {
      expect(() => (fn as (...a: unknown[]) => string)(undefined, OPTIONS), name).toThrow();
      expect(() => (fn as (...a: unknown[]) => string)(OPTIONS), name).toThrow(/exactly one/);
    }
  });
});

// The strongest check of escaping: real PowerShell reads each literal back unchanged.
describe.skipIf(!existsSync(PWSH))("psString in real PowerShell", () => {
  it("round-trips hostile values as inert data", () => {
    const values = [
      "x'; Remove-Item C:\\ -Recurse; '",
      "\u2018; Write-Host pwned; \u2019",
      "\u201A\u201B''\u2019",
      "$(Write-Host pwned) ${env:PATH} $true",
      "`n`r`0 back`tick",
      'double "quoted" @"here"@',
      "line1\nline2\r\n\ttabbed\u2028sep",
      "Лаб-ВМ 実験 Ünïcödé 🚀",
      "#> <# comment breaker",
      "",
    ];
    const script = [
      "$values = @(",
      ...values.map((v) => `    ${psString(v)}`),
      ")",
      "foreach ($v in $values) { [Console]::Out.WriteLine([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($v))) }",
    ].join("\n");
    const dir = mkdtempSync(join(tmpdir(), "hvnest-ps-"));
    try {
      const file = join(dir, "literals.ps1");
      writeFileSync(file, "\uFEFF" + script + "\n", "utf8");
      const run = spawnSync(PWSH, ["-NoProfile", "-NonInteractive", "-File", file], {
        encoding: "utf8",
      });
      expect(run.stderr).toBe("");
      const lines = run.stdout.split("\n").slice(0, values.length);
      const decoded = lines.map((l) => Buffer.from(l.trim(), "base64").toString("utf8"));
      expect(decoded).toEqual(values);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("markdownText and mermaidText", () => {
  // The replacements alone, as they were before the test that skips them for clean text.
  const markdownReference = (value: string) =>
    value.replace(/\r\n|[\r\n\u0000-\u001F\u007F\u0085\u2028\u2029\\`*_[\]|~&<>]/g, (c) => {
      if (c.length > 1 || /[\u0000-\u001F\u007F\u0085\u2028\u2029]/.test(c)) return " ";
      return ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" } as Record<string, string>)[c] ?? `\\${c}`;
    });
  const mermaidReference = (value: string) =>
    value
      .replace(/\r\n|\r|\n|[\u0000-\u001F\u007F\u0085\u2028\u2029]/g, " ")
      .replace(/[#"<>&`|\\[\]{}()]/g, (c) => `#${c.charCodeAt(0)};`);
  const text = fc.string({
    unit: fc.oneof(
      fc.constantFrom(...'\r\n\t\u0000\u007F\u0085\u2028\\`*_[]|~&<>#"{}()'),
      fc.constantFrom(..."aZ09 .-'"),
    ),
    maxLength: 20,
  });

  it("give what the replacements alone give, for text with and without special characters", () => {
    let changed = 0;
    fc.assert(
      fc.property(text, (value) => {
        expect(markdownText(value)).toBe(markdownReference(value));
        expect(mermaidText(value)).toBe(mermaidReference(value));
        if (markdownText(value) !== value) changed++;
      }),
      { numRuns: 2000 },
    );
    expect(changed).toBeGreaterThan(100);
    expect(markdownText("3-HV001-G1-V1.ps1")).toBe("3-HV001-G1-V1.ps1");
  });
});
