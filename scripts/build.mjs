// Builds the shipped CLI: one bundled file, so that start-up does not load
// chevrotain's hundreds of modules one by one.
import { generateValidator } from "./gen-validator.mjs";
import { generateTemplates } from "./gen-templates.mjs";
import { bundleCli } from "./bundle-cli.mjs";

// The topology validator is compiled ahead of time (ajv standalone) into generated/.
generateValidator();
// Templates are compiled to JavaScript too (scripts/template-compiler.mjs): no Handlebars at run time.
generateTemplates();

// ---- Bundle: the performance part (scripts/bundle-cli.mjs, docs/performance.md) ----
// CommonJS, minified, grammar validations off, V8 code cache: dist/hvnest.js is a small
// loader. Keep generation steps above this line.
await bundleCli();
