// The precompiled templates (generated/templates.js, made by scripts/gen-templates.mjs at
// build time) bound to the helpers. Only handlebars/runtime is needed here.
import runtime from "handlebars/runtime.js";
import { constantPartials, helperNames, partials, templates } from "../../generated/templates.js";
import { helpers } from "./helpers.js";

export type TemplateName =
  "physical-host.ps1" | "guest-hypervisor.ps1" | "guest-network.ps1" | "README.md";

// handlebars/runtime ships no usable types; this is the part of its API used here.
type TemplateDelegate = (context: object, options?: { indent?: string }) => string;
type Helper = (this: unknown, ...args: unknown[]) => unknown;
interface Environment {
  helpers: Record<string, Helper>;
  registerHelper(name: string, fn: Helper): void;
  registerPartial(name: string, partial: TemplateDelegate): void;
  template(spec: unknown): TemplateDelegate;
}
const Handlebars = runtime as unknown as { create(): Environment };

/** A partial without mustaches: the same text wherever it goes, encoded once. */
export interface ConstantPart {
  name: string;
  text: string;
  bytes: Uint8Array;
}

/**
 * A rendered template as the text around its constant parts: `texts[0]`, `constants[0]`,
 * `texts[1]`, ... `texts[constants.length]`. Emission writes the constant parts' bytes as
 * they are instead of rendering, encoding and checking the runtime library in every script
 * (perf, issue 6: it is most of each script's bytes).
 */
export interface RenderedParts {
  texts: string[];
  constants: ConstantPart[];
}

let cache: Map<string, TemplateDelegate> | null = null;
// The constant parts one render has placed so far; a marker in the text stands for each.
let placed: ConstantPart[] | null = null;
// No rendered text holds a NUL: every helper turns control characters in values into
// something else (src/emit/helpers.ts), and templates hold none. Checked when split anyway.
const MARK = "\u0000";

function load(): Map<string, TemplateDelegate> {
  const names = Object.keys(helpers).sort();
  if (JSON.stringify(names) !== JSON.stringify([...helperNames].sort())) {
    throw new Error("generated/templates.js is stale: run `npm run build`");
  }
  const env = Handlebars.create();
  for (const [name, fn] of Object.entries(helpers)) env.registerHelper(name, fn);
  guardBuiltins(env);
  const constant = new Set(constantPartials);
  for (const [name, spec] of Object.entries(partials)) {
    const template = env.template(spec);
    env.registerPartial(name, constant.has(name) ? placeholder(name, template({})) : template);
  }
  const compiled = new Map<string, TemplateDelegate>();
  for (const [name, spec] of Object.entries(templates)) {
    compiled.set(name, env.template(spec));
  }
  return compiled;
}

/**
 * Strict mode does not check the value of `#if`, `#unless` and `#each`: a misspelt or
 * missing field would silently render nothing. These wrappers make it throw instead.
 */
function guardBuiltins(env: Environment): void {
  const guard = (name: string, accepts: (value: unknown) => boolean, wanted: string) => {
    const builtin = env.helpers[name];
    if (builtin === undefined) throw new Error(`Handlebars has no built-in ${name}`);
    env.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      if (args.length !== 2 || !accepts(args[0])) {
        throw new Error(
          `#${name} needs ${wanted}, got ${args.length === 2 ? typeof args[0] : `${args.length - 1} arguments`}`,
        );
      }
      return builtin.apply(this, args);
    });
  };
  guard("if", (v) => v !== undefined, "a defined value");
  guard("unless", (v) => v !== undefined, "a defined value");
  guard("each", Array.isArray, "an array");
}

/** A partial that leaves a marker where its constant text goes. */
function placeholder(name: string, text: string): TemplateDelegate {
  const part: ConstantPart = { name, text, bytes: new Uint8Array(Buffer.from(text, "utf8")) };
  return (_context, options) => {
    // Handlebars would indent the marker, not the text: such a call site is a template bug.
    if (options?.indent) throw new Error(`constant partial ${name} cannot be indented`);
    if (placed === null) return text;
    placed.push(part);
    return `${MARK}${placed.length - 1}${MARK}`;
  };
}

export function renderParts(name: TemplateName, view: object): RenderedParts {
  cache ??= load();
  const template = cache.get(name);
  if (template === undefined) throw new Error(`no template ${name}`);
  const constants: ConstantPart[] = [];
  placed = constants;
  let text: string;
  try {
    text = template(view);
  } finally {
    placed = null;
  }
  return { texts: split(name, text, constants.length), constants };
}

/** The text between the markers, checking that they are exactly 0, 1, 2, ... in order. */
function split(name: string, text: string, count: number): string[] {
  const texts: string[] = [];
  let from = 0;
  for (let i = 0; i < count; i++) {
    const marker = `${MARK}${i}${MARK}`;
    const at = text.indexOf(MARK, from);
    if (at < 0 || !text.startsWith(marker, at)) break;
    texts.push(text.slice(from, at));
    from = at + marker.length;
  }
  if (texts.length !== count || text.includes(MARK, from)) {
    throw new Error(`${name}: the markers of its constant parts are out of order`);
  }
  texts.push(text.slice(from));
  return texts;
}

export function render(name: TemplateName, view: object): string {
  const { texts, constants } = renderParts(name, view);
  let text = texts[0] as string;
  for (let i = 0; i < constants.length; i++)
    text += (constants[i] as ConstantPart).text + texts[i + 1];
  return text;
}
