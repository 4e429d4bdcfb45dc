// Builds the shipped CLI: one bundled file, so that start-up does not load
// chevrotain's hundreds of modules one by one.
import { build } from "esbuild";
import { chmodSync } from "node:fs";
import { generateValidator } from "./gen-validator.mjs";
import { generateTemplates } from "./gen-templates.mjs";

// The topology validator is compiled ahead of time (ajv standalone) into generated/.
generateValidator();
// Templates are precompiled too, so that the bundle carries only handlebars/runtime.
generateTemplates();

await build({
  entryPoints: ["src/cli.ts"],
  outfile: "dist/hvnest.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  banner: { js: "#!/usr/bin/env node" },
  legalComments: "none",
  logLevel: "warning",
});
chmodSync("dist/hvnest.js", 0o755);
