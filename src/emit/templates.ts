// The precompiled templates (generated/templates.js, made by scripts/gen-templates.mjs at
// build time) bound to the helpers. Only handlebars/runtime is needed here.
import runtime from "handlebars/runtime.js";
import { helperNames, partials, templates } from "../../generated/templates.js";
import { helpers } from "./helpers.js";

export type TemplateName =
  "physical-host.ps1" | "guest-hypervisor.ps1" | "guest-network.ps1" | "README.md";

// handlebars/runtime ships no usable types; this is the part of its API used here.
type TemplateDelegate = (context: object) => string;
type Helper = (this: unknown, ...args: unknown[]) => unknown;
interface Environment {
  helpers: Record<string, Helper>;
  registerHelper(name: string, fn: Helper): void;
  registerPartial(name: string, partial: TemplateDelegate): void;
  template(spec: unknown): TemplateDelegate;
}
const Handlebars = runtime as unknown as { create(): Environment };

let cache: Map<string, TemplateDelegate> | null = null;

function load(): Map<string, TemplateDelegate> {
  const names = Object.keys(helpers).sort();
  if (JSON.stringify(names) !== JSON.stringify([...helperNames].sort())) {
    throw new Error("generated/templates.js is stale: run `npm run build`");
  }
  const env = Handlebars.create();
  for (const [name, fn] of Object.entries(helpers)) env.registerHelper(name, fn);
  guardBuiltins(env);
  for (const [name, spec] of Object.entries(partials)) {
    env.registerPartial(name, env.template(spec));
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

export function render(name: TemplateName, view: object): string {
  cache ??= load();
  const template = cache.get(name);
  if (template === undefined) throw new Error(`no template ${name}`);
  return template(view);
}
