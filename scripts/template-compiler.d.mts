// Types for scripts/template-compiler.mjs, imported by the tests.
export declare class TemplateCompileError extends Error {}

/** The module text of generated/templates.js. */
export declare function compileTemplates(
  templates: [string, string][],
  partials: [string, string][],
  helpers: string[],
): string;
