// The templates, compiled to JavaScript at build time (generated/templates.js, made by
// scripts/gen-templates.mjs with scripts/template-compiler.mjs) and bound to the helpers.
// No Handlebars is loaded at run time: the compiled code does what Handlebars 4.7 does for
// the language templates/ uses (perf, issue 6), which test/emit/template-compiler.test.ts
// checks against Handlebars itself.
import * as generated from "../../generated/templates.js";
import { helpers } from "./helpers.js";
import { bindTemplates, runTemplate, type BoundTemplates } from "./template-runtime.js";

export type TemplateName =
  "physical-host.ps1" | "guest-hypervisor.ps1" | "guest-network.ps1" | "README.md";

/** A partial without mustaches: the same text wherever it goes, encoded once. */
export interface ConstantPart {
  kind: "constant";
  name: string;
  text: string;
  bytes: Uint8Array;
}

/**
 * A partial the caller asked to leave out, to render it itself piece by piece (the README's
 * tables and diagram, thousands of rows for a large fleet: perf, issue 6).
 */
export interface SlotPart {
  kind: "slot";
  name: string;
}

export type Part = ConstantPart | SlotPart;

/**
 * A rendered template as the text around its parts: `texts[0]`, `parts[0]`, `texts[1]`, ...
 * `texts[parts.length]`. Emission writes a constant part's bytes as they are instead of
 * rendering, encoding and checking the runtime library in every script (perf, issue 6: it
 * is most of each script's bytes).
 */
export interface RenderedParts {
  texts: string[];
  parts: Part[];
}

let bound: BoundTemplates | null = null;

/** Renders `name`, leaving constant partials, and the partials named in `slots`, as parts. */
export function renderParts(
  name: TemplateName,
  view: object,
  slots: readonly string[] = [],
): RenderedParts {
  bound ??= bindTemplates(generated, helpers);
  const template = bound.templates.get(name);
  if (template === undefined) throw new Error(`no template ${name}`);
  const unknown = slots.filter((s) => !bound!.partials.has(s));
  if (unknown.length > 0) throw new Error(`no partial ${unknown.join(", ")}`);
  return runTemplate(template, view, slots.length === 0 ? null : new Set(slots));
}

/** One partial as a template of its own: a slot's content, a piece at a time. */
export function renderPartial(name: string, view: object): string {
  bound ??= bindTemplates(generated, helpers);
  const fn = bound.partials.get(name);
  if (fn === undefined) throw new Error(`no partial ${name}`);
  if (fn === null) return (bound.constants.get(name) as ConstantPart).text;
  const { texts, parts } = runTemplate(fn, view, null);
  return join(texts, parts, name);
}

/** The text of rendered parts whose parts are all constant. */
export function join(texts: readonly string[], parts: readonly Part[], name: string): string {
  let text = texts[0] as string;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as Part;
    if (part.kind !== "constant") throw new Error(`${name}: slot ${part.name} left unfilled`);
    text += part.text + (texts[i + 1] as string);
  }
  return text;
}

export function render(name: TemplateName, view: object): string {
  const { texts, parts } = renderParts(name, view);
  return join(texts, parts, name);
}
