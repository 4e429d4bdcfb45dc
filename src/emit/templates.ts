// The precompiled templates (generated/templates.js, made by scripts/gen-templates.mjs at
// build time) bound to the helpers. Only handlebars/runtime is needed here.
import runtime from "handlebars/runtime.js";
import { helperNames, partials, templates } from "../../generated/templates.js";
import { helpers } from "./helpers.js";

export type TemplateName =
  "physical-host.ps1" | "guest-hypervisor.ps1" | "guest-network.ps1" | "README.md";

// handlebars/runtime ships no usable types; this is the part of its API used here.
type TemplateDelegate = (context: object) => string;
interface Environment {
  registerHelper(name: string, fn: (...args: unknown[]) => string): void;
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
  for (const [name, spec] of Object.entries(partials)) {
    env.registerPartial(name, env.template(spec));
  }
  const compiled = new Map<string, TemplateDelegate>();
  for (const [name, spec] of Object.entries(templates)) {
    compiled.set(name, env.template(spec));
  }
  return compiled;
}

export function render(name: TemplateName, view: object): string {
  cache ??= load();
  const template = cache.get(name);
  if (template === undefined) throw new Error(`no template ${name}`);
  return template(view);
}
