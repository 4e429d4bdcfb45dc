// The precompiled templates (generated/templates.js, made by scripts/gen-templates.mjs at
// build time) bound to the helpers. Only handlebars/runtime is needed here.
import runtime from "handlebars/runtime.js";
import { constantPartials, helperNames, partials, templates } from "../../generated/templates.js";
import { helpers } from "./helpers.js";

export type TemplateName =
  "physical-host.ps1" | "guest-hypervisor.ps1" | "guest-network.ps1" | "README.md";

// handlebars/runtime ships no usable types; this is the part of its API used here.
type TemplateDelegate = (context: object, options?: PartialOptions) => string;

/** What Handlebars passes a partial: the runtime state its template call set up. */
interface PartialOptions {
  indent?: string;
  partial?: boolean;
  data?: object;
  helpers?: object;
  partials?: object;
  decorators?: object;
  hooks?: object;
  protoAccessControl?: object;
}

type RuntimeState = Required<
  Pick<PartialOptions, "helpers" | "partials" | "decorators" | "hooks" | "protoAccessControl">
>;
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

/** The render in progress: the parts placed so far, and the partials to leave as slots. */
interface Placing {
  parts: Part[];
  slots: ReadonlySet<string>;
}

let cache: Map<string, TemplateDelegate> | null = null;
let partialCache: Map<string, TemplateDelegate> | null = null;
let placing: Placing | null = null;
let runtimeState: RuntimeState | null = null;
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
  partialCache = new Map();
  for (const [name, spec] of Object.entries(partials)) {
    const template = env.template(spec);
    partialCache.set(name, template);
    env.registerPartial(
      name,
      constant.has(name) ? placeholder(name, template({})) : slot(name, template),
    );
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

/**
 * Keeps the runtime state that the first render of the build set up, as Handlebars hands it
 * to a partial: helpers (merged and wrapped), partials, decorators, hooks and prototype
 * access control. They depend on the environment only, never on the view.
 */
function keepRuntimeState(options: PartialOptions | undefined): void {
  if (runtimeState !== null || options === undefined) return;
  const { helpers, partials, decorators, hooks, protoAccessControl } = options;
  if (helpers && partials && decorators && hooks && protoAccessControl) {
    runtimeState = { helpers, partials, decorators, hooks, protoAccessControl };
  }
}

/**
 * Calls a template, after the first, the way Handlebars calls a partial: with the runtime
 * state set up once. A top-level call sets it up anew each time, a few kilobytes of objects
 * that V8 learns to allocate straight into the old generation; over 50,000 scripts that
 * garbage sized the heap (perf, issue 6: 10,000 VMs promoted 25 MB instead of 57). The
 * data frame is what a top-level call makes: `@root`, under which `#each` adds `@first`.
 */
function call(template: TemplateDelegate, view: object): string {
  if (runtimeState === null) return template(view);
  return template(view, { ...runtimeState, partial: true, data: { root: view } });
}

/** Leaves a marker where the part goes: the caller puts the part there. */
function place(name: string, part: Part, options: PartialOptions | undefined): string {
  keepRuntimeState(options);
  // Handlebars would indent the marker, not the part: such a call site is a template bug.
  if (options?.indent) throw new Error(`partial ${name} cannot be indented here`);
  if (placing === null) throw new Error(`partial ${name} placed outside renderParts`);
  placing.parts.push(part);
  return `${MARK}${placing.parts.length - 1}${MARK}`;
}

/** A partial whose text is the same everywhere. */
function placeholder(name: string, text: string): TemplateDelegate {
  const part: ConstantPart = {
    kind: "constant",
    name,
    text,
    bytes: new Uint8Array(Buffer.from(text, "utf8")),
  };
  return (_context, options) => place(name, part, options);
}

/** A partial rendered in place, unless this render asked to leave it as a slot. */
function slot(name: string, template: TemplateDelegate): TemplateDelegate {
  const part: SlotPart = { kind: "slot", name };
  return (context, options) => {
    if (placing?.slots.has(name) === true) return place(name, part, options);
    keepRuntimeState(options);
    return template(context, options);
  };
}

/** Renders `name`, leaving constant partials, and the partials named in `slots`, as parts. */
export function renderParts(
  name: TemplateName,
  view: object,
  slots: readonly string[] = [],
): RenderedParts {
  cache ??= load();
  const template = cache.get(name);
  if (template === undefined) throw new Error(`no template ${name}`);
  const unknown = slots.filter((s) => !partialCache?.has(s));
  if (unknown.length > 0) throw new Error(`no partial ${unknown.join(", ")}`);
  return renderWith(name, template, view, slots);
}

/** One partial as a template of its own: a slot's content, a piece at a time. */
export function renderPartial(name: string, view: object): string {
  cache ??= load();
  const template = partialCache?.get(name);
  if (template === undefined) throw new Error(`no partial ${name}`);
  const { texts, parts } = renderWith(name, template, view, []);
  return join(texts, parts, name);
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
    throw new Error(`${name}: the markers of its parts are out of order`);
  }
  texts.push(text.slice(from));
  return texts;
}

function renderWith(
  name: string,
  template: TemplateDelegate,
  view: object,
  slots: readonly string[],
): RenderedParts {
  const parts: Part[] = [];
  placing = { parts, slots: new Set(slots) };
  let text: string;
  try {
    text = call(template, view);
  } finally {
    placing = null;
  }
  return { texts: split(name, text, parts.length), parts };
}

function join(texts: readonly string[], parts: readonly Part[], name: string): string {
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
