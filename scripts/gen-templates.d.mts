// Types for scripts/gen-templates.mjs, imported by the tests.
export declare const HELPERS: string[];

/** [name, source] of each template in `dir` (relative to the repository), sorted by name. */
export declare function templateSources(dir: string): [string, string][];

export declare function generateTemplates(): void;
