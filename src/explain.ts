// `hvnest explain CODE`: the documentation of one code, from the catalogue or, for a
// rule, from the rule's own docs (the text lives beside the check, not in a copy).
import { catalogue, explainText, lookupCode } from "./diagnostics/catalogue.js";
import { rules } from "./rules/index.js";
import { type CliIo, EXIT_OK, EXIT_USAGE } from "./cli/io.js";

const WIDTH = 80;

export const explainUsage = `Usage: hvnest explain CODE

Prints what a diagnostic code means: for a topology rule (HVN2xx) what it enforces,
why (platform limit or policy, with its source), a failing example and the fix.

Exit status: 0 printed, 2 unknown code.`;

function wrap(text: string, indent = ""): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > WIDTH) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(indent + line);
  return lines.join("\n");
}

/** The text for a code (any case), or undefined when the catalogue does not know it. */
export function explainCode(code: string): string | undefined {
  const entry = lookupCode(code);
  if (!entry) return undefined;
  const heading = `${entry.code} (${entry.severity}, ${entry.stage}): ${entry.title}`;
  const rule = rules.find((candidate) => candidate.code === entry.code);
  if (!rule) return `${explainText(entry.code) ?? heading}\n`;
  const { docs } = rule;
  return [
    heading,
    "",
    wrap(`Enforces: ${docs.enforces}`),
    "",
    wrap(`Why (${docs.kind}): ${docs.why}`),
    "",
    wrap(`Source: ${docs.source}`),
    "",
    "Failing example:",
    `  ${docs.example}`,
    "",
    wrap(`Fix: ${docs.fix}`),
    "",
  ].join("\n");
}

export function explain(args: string[], io: CliIo): number {
  const [code, ...rest] = args;
  const text = code !== undefined && rest.length === 0 ? explainCode(code) : undefined;
  if (text === undefined) {
    const list = catalogue.map((entry) => `  ${entry.code}  ${entry.title}`).join("\n");
    io.stderr(
      `hvnest: ${code === undefined ? "explain needs a CODE" : rest.length > 0 ? "explain takes one CODE" : `unknown code "${code}"`}; known codes:\n${list}\n`,
    );
    return EXIT_USAGE;
  }
  io.stdout(text);
  return EXIT_OK;
}
