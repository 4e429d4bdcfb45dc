// Bundles the CLI for a fast cold start (issue 6; figures in docs/performance.md).
// Called by scripts/build.mjs after the generated modules exist. What start-up costs
// on Node 20 and what each step here removes:
// - chevrotain's package entry loads hundreds of modules: one bundled file instead;
// - compiling ~350 kB of JavaScript on every run: minified, tree-shaken, and started
//   through dist/hvnest.js, a small loader that hands V8 a code cache made here, after a
//   warm-up build, so that a cold start compiles almost nothing (V8 rejects a cache from
//   another Node version or other flags, and then simply compiles);
// - an ES module entry starts a few ms later than CommonJS: dist/ is CommonJS
//   (dist/package.json), while the package itself stays "type": "module";
// - chevrotain's grammar validations: skipped in the bundle (HVNEST_BUNDLED, see
//   src/bundled.ts); the test suite runs them on every change;
// - node:crypto (and the stream modules it pulls in) is needed only to hash a build's
//   files: it loads on first use, so `hvnest check` never loads it.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { generateTopology } from "./gen-topology.mjs";

const BUNDLE = "hvnest-cli.cjs";
/** The helper threads of a large build (src/io/helper-pool.ts): emission only, no parser. */
const WORKER_BUNDLE = "hvnest-worker.cjs";

/** Builtins loaded on first call of one of the listed exports, not at start-up. */
const LAZY_BUILTINS = {
  "node:crypto": ["createHash"],
  "node:os": ["availableParallelism"],
  "node:worker_threads": ["MessageChannel", "receiveMessageOnPort", "Worker"],
};

const lazyBuiltins = {
  name: "lazy-builtins",
  setup(esbuild) {
    const names = Object.keys(LAZY_BUILTINS).map((id) => id.replace(/[.:]/g, "\\$&"));
    const filter = new RegExp(`^(${names.join("|")})$`);
    esbuild.onResolve({ filter }, (args) =>
      args.namespace === "lazy-builtin"
        ? { path: args.path, external: true }
        : { path: args.path, namespace: "lazy-builtin" },
    );
    esbuild.onLoad({ filter: /.*/, namespace: "lazy-builtin" }, (args) => ({
      loader: "js",
      contents: [
        "let loaded;",
        `const load = () => (loaded ??= require(${JSON.stringify(args.path)}));`,
        ...LAZY_BUILTINS[args.path].map(
          // A class (Worker) is called with `new`, a function without.
          (name) =>
            `export function ${name}(...args) { const f = load().${name}; ` +
            `return new.target ? new f(...args) : f(...args); }`,
        ),
      ].join("\n"),
    }));
  },
};

/**
 * Source patches of dependencies, applied to the bundle only (the tests run the packages as
 * published; test/cli/binary.test.ts runs the bundle). Each replaces exact text, and the build
 * fails when one no longer applies, so that an upgrade cannot drop one silently.
 */
const PATCHES = [
  {
    // Chevrotain fills a 65,536-entry table when the first lexer is built (~2 ms at every
    // start-up) with a formula: compute the formula where the table was read instead.
    file: /node_modules\/chevrotain\/lib\/src\/scan\/lexer\.js$/,
    edits: [
      ["        : charCodeToOptimizedIdxMap[charCode];", "        : 255 + ~~(charCode / 255);"],
      ["    if (isEmpty(charCodeToOptimizedIdxMap)) {", "    if (false) {"],
    ],
  },
  {
    // createToken fills every category's map of members again at each new token (~3 ms of
    // every start-up for ~60 tokens): give a new token its index only. Chevrotain fills the
    // maps of all tokens at once when it builds a lexer or parser, which a valid file never
    // needs; grammar/categories.ts answers from CATEGORIES until then.
    file: /node_modules\/chevrotain\/lib\/src\/scan\/tokens_public\.js$/,
    edits: [
      [
        'import { augmentTokenTypes, tokenStructuredMatcher } from "./tokens.js";',
        'import { assignTokenDefaultProps, augmentTokenTypes, tokenStructuredMatcher } from "./tokens.js";',
      ],
      ["    augmentTokenTypes([tokenType]);", "    assignTokenDefaultProps([tokenType]);"],
    ],
  },
  {
    // With the patch above, a parser built before any lexer would choose its token matcher
    // from maps not filled yet (the one that ignores categories), and never match a
    // category: fill the maps before the choice rather than after it.
    file: /node_modules\/chevrotain\/lib\/src\/parse\/parser\/traits\/recognizer_engine\.js$/,
    edits: [
      [
        "        const noTokenCategoriesUsed = every(",
        "        augmentTokenTypes(values(this.tokensMap));\n        const noTokenCategoriesUsed = every(",
      ],
    ],
  },
];

function patchDependencies(applied) {
  return {
    name: "patch-dependencies",
    setup(esbuild) {
      for (const patch of PATCHES) {
        esbuild.onLoad({ filter: patch.file }, async (args) => {
          let contents = await readFile(args.path, "utf8");
          for (const [from, to] of patch.edits) {
            if (!contents.includes(from))
              throw new Error(`bundle-cli: a patch of ${args.path} no longer applies: ${from}`);
            contents = contents.replace(from, to);
          }
          applied.add(patch);
          return { contents, loader: "js" };
        });
      }
    },
  };
}

/** Commands with a code cache of their own; any other run uses the first one's. */
const CACHED_COMMANDS = ["check", "build"];

const LOADER = `#!/usr/bin/env node
// Generated by scripts/bundle-cli.mjs. Runs ${BUNDLE} with the V8 code cache built beside
// it, so that a cold start compiles almost nothing; a cache that does not fit this Node
// (another version or other flags) is rejected by V8 and the bundle compiles as usual.
// Each command has its own cache, left by a warm-up run of that command: it holds the
// functions that command compiles, and \`check\` need not load those of \`build\`.
"use strict";
const { readFileSync, writeFileSync } = require("node:fs");
const { Script } = require("node:vm");
const file = require("node:path").join(__dirname, ${JSON.stringify(BUNDLE)});
const commands = ${JSON.stringify(CACHED_COMMANDS)};
const command = commands.includes(process.argv[2]) ? process.argv[2] : commands[0];
let cachedData;
try {
  cachedData = readFileSync(\`\${file}.\${command}.cache\`);
} catch {}
const source = readFileSync(file, "utf8");
const wrapped = "(function (exports, require, module, __filename, __dirname) {" + source + "\\n})";
const script = new Script(wrapped, { filename: file, cachedData });
const cacheOut = process.env.HVNEST_CODE_CACHE_OUT;
if (cacheOut) process.once("exit", () => writeFileSync(cacheOut, script.createCachedData()));
script.runInThisContext()(exports, require, module, file, __dirname);
`;

/** `minify: false` keeps names readable in a CPU profile (node --cpu-prof). */
export async function bundleCli({
  entry = "src/cli.ts",
  workerEntry = "src/io/helper-thread.ts",
  outDir = "dist",
  minify = true,
} = {}) {
  const bundle = join(outDir, BUNDLE);
  const applied = new Set();
  const common = {
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    minify,
    treeShaking: true,
    define: { HVNEST_BUNDLED: "true", "process.env.NODE_ENV": '"production"' },
    legalComments: "none",
    logLevel: "warning",
  };
  await build({
    ...common,
    entryPoints: [entry],
    outfile: bundle,
    plugins: [lazyBuiltins, patchDependencies(applied)],
  });
  await build({
    ...common,
    entryPoints: [workerEntry],
    outfile: join(outDir, WORKER_BUNDLE),
  });
  for (const patch of PATCHES) {
    if (!applied.has(patch))
      throw new Error(`bundle-cli: no file matched the patch for ${patch.file}`);
  }
  writeFileSync(join(outDir, "package.json"), '{ "type": "commonjs" }\n');
  const loader = join(outDir, "hvnest.js");
  writeFileSync(loader, LOADER);
  chmodSync(loader, 0o755);
  rmSync(`${bundle}.cache`, { force: true }); // the single cache of earlier builds
  for (const command of CACHED_COMMANDS) writeCodeCache(loader, bundle, command);
}

/**
 * Runs `command` on a small generated fleet through the loader and keeps the code cache it
 * leaves at exit: functions compiled during the run (parse, rules, emission) are in it.
 */
function writeCodeCache(loader, bundle, command) {
  const cacheFile = `${bundle}.${command}.cache`;
  rmSync(cacheFile, { force: true });
  const work = mkdtempSync(join(tmpdir(), "hvnest-code-cache-"));
  try {
    const input = join(work, "warm-up.hvnest");
    writeFileSync(input, generateTopology(60));
    const args = command === "build" ? [input, "--out", join(work, "out")] : [input];
    const run = spawnSync(process.execPath, [loader, command, ...args], {
      env: { ...process.env, HVNEST_CODE_CACHE_OUT: cacheFile },
      encoding: "utf8",
    });
    if (run.status !== 0) {
      // The CLI still works without a cache, only slower to start: say so, do not fail.
      rmSync(cacheFile, { force: true });
      console.warn(`bundle-cli: no ${command} code cache, the warm-up failed:\n${run.stderr}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
