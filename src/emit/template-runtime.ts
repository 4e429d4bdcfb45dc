// What templates compiled by scripts/template-compiler.mjs call at run time: Handlebars
// 4.7's lookups and built-in block helpers, for the part of the language templates/ uses,
// and an output that keeps constant partials and slots apart from the rendered text.
import type { ConstantPart, Part, RenderedParts } from "./templates.js";

/** What a compiled template writes to: the text since the last part, and the parts. */
export interface Output {
  s: string;
  texts: string[];
  parts: Part[];
  slots: ReadonlySet<string> | null;
}

/** Handlebars' data frame: `@first` and friends inside `#each`, `root` at the top. */
type Frame = Record<string, unknown>;
type Block = (context: unknown, data: Frame, output: Output) => void;
export type Compiled = (context: unknown, data: Frame, output: Output, block: Block | null) => void;

/** A module made by scripts/template-compiler.mjs (generated/templates.js is one). */
export interface CompiledModule {
  helperNames: string[];
  partialNames: string[];
  constantPartials: Record<string, string>;
  bind(runtime: unknown): { templates: Record<string, unknown>; partials: Record<string, unknown> };
}

export interface BoundTemplates {
  templates: ReadonlyMap<string, Compiled>;
  /** Null for a constant partial. */
  partials: ReadonlyMap<string, Compiled | null>;
  constants: ReadonlyMap<string, ConstantPart>;
}

function describe(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
}

/** Handlebars' lookupProperty: a property of the object's own, else undefined. */
function get(object: unknown, key: string, site: string): unknown {
  if (object === null || object === undefined) {
    throw new Error(`${site}: cannot read ${key} of ${describe(object)}`);
  }
  const value = (object as Record<string, unknown>)[key];
  if (value === null || value === undefined) return value;
  return Object.prototype.hasOwnProperty.call(object, key) ? value : undefined;
}

/** Strict mode's lookup of a plain `{{field}}`: the field must exist. */
function strict(object: unknown, key: string, site: string): unknown {
  if (!object || !(key in (object as object))) {
    throw new Error(`${site}: "${key}" not defined in ${describe(object)}`);
  }
  return get(object, key, site);
}

/**
 * `#if` and `#unless` take Handlebars' truth (empty arrays and 0 are false), and refuse an
 * undefined value: Handlebars' strict mode does not check block arguments, and a misspelt
 * or missing field would silently render nothing.
 */
function truthy(value: unknown, helper: string, site: string): boolean {
  if (value === undefined) {
    throw new Error(`${site}: #${helper} needs a defined value, got undefined`);
  }
  if (typeof value === "function") throw new Error(`${site}: #${helper} got a function`);
  return Boolean(value) && !(Array.isArray(value) && value.length === 0);
}

/** `#each` takes an array only, for the same reason. */
function each(value: unknown, site: string): readonly unknown[] {
  if (!Array.isArray(value)) {
    throw new Error(`${site}: #each needs an array, got ${describe(value)}`);
  }
  return value;
}

/** The module's templates bound to `helpers`, checked against the helpers it was made for. */
export function bindTemplates(module: CompiledModule, helpers: object): BoundTemplates {
  const names = Object.keys(helpers).sort();
  if (JSON.stringify(names) !== JSON.stringify([...module.helperNames].sort())) {
    throw new Error("generated/templates.js is stale: run `npm run build`");
  }
  const constants = new Map<string, ConstantPart>();
  for (const [name, text] of Object.entries(module.constantPartials)) {
    const bytes = new Uint8Array(Buffer.from(text, "utf8"));
    constants.set(name, { kind: "constant", name, text, bytes });
  }
  const constant = (output: Output, name: string): void => {
    const part = constants.get(name);
    if (part === undefined) throw new Error(`no constant partial ${name}`);
    output.texts.push(output.s);
    output.s = "";
    output.parts.push(part);
  };
  const partial = (
    output: Output,
    name: string,
    fn: Compiled,
    context: unknown,
    data: Frame,
    block: Block | null,
  ): void => {
    if (output.slots?.has(name) === true) {
      output.texts.push(output.s);
      output.s = "";
      output.parts.push({ kind: "slot", name });
    } else fn(context, data, output, block);
  };
  // What Handlebars passes a helper after its arguments; the helpers count on it.
  const OPTIONS = Object.freeze({});
  const runtime = { h: helpers, get, strict, truthy, each, constant, partial, OPTIONS };
  const bound = module.bind(runtime);
  return {
    templates: new Map(Object.entries(bound.templates) as [string, Compiled][]),
    partials: new Map(
      module.partialNames.map((name) => [name, (bound.partials[name] ?? null) as Compiled | null]),
    ),
    constants,
  };
}

/** Runs a compiled template or partial on `view`, as a top-level call. */
export function runTemplate(
  fn: Compiled,
  view: object,
  slots: ReadonlySet<string> | null,
): RenderedParts {
  const output: Output = { s: "", texts: [], parts: [], slots };
  fn(view, { root: view }, output, null);
  output.texts.push(output.s);
  return { texts: output.texts, parts: output.parts };
}
