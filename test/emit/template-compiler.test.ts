// The compiled templates against Handlebars itself: the same text for every view, and an
// error exactly where Handlebars (with the guards the compiled code has) throws one.
import fc from "fast-check";
import Handlebars from "handlebars";
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { HELPERS, templateSources } from "../../scripts/gen-templates.mjs";
import { compileTemplates, TemplateCompileError } from "../../scripts/template-compiler.mjs";
import { checkSource } from "../../src/compile.js";
import { helpers } from "../../src/emit/helpers.js";
import { buildReadmeView } from "../../src/emit/readme.js";
import {
  bindTemplates,
  runTemplate,
  type CompiledModule,
} from "../../src/emit/template-runtime.js";
import { join, render, type TemplateName } from "../../src/emit/templates.js";
import { buildScriptViews, planScripts } from "../../src/emit/view-model.js";
import { generateTopology } from "../../scripts/gen-topology.mjs";

type Render = (context: object) => string;

/** Handlebars compiled from templates/ with the options hvnest used, and the old guards. */
function handlebarsTemplates(): Map<string, Render> {
  const env = Handlebars.create();
  for (const [name, fn] of Object.entries(helpers)) env.registerHelper(name, fn);
  const guard = (name: string, accepts: (value: unknown) => boolean) => {
    const builtin = env.helpers[name]!;
    env.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      if (args.length !== 2 || !accepts(args[0])) throw new Error(`#${name} refused`);
      return (builtin as (...a: unknown[]) => unknown).apply(this, args);
    });
  };
  guard("if", (v) => v !== undefined);
  guard("unless", (v) => v !== undefined);
  guard("each", Array.isArray);
  const options = {
    noEscape: true,
    strict: true,
    knownHelpersOnly: true,
    knownHelpers: Object.fromEntries(HELPERS.map((name) => [name, true])),
  };
  for (const [name, source] of templateSources("templates/partials")) {
    env.registerPartial(name, env.compile(source, options));
  }
  const compiled = new Map<string, Render>();
  for (const [name, source] of templateSources("templates")) {
    compiled.set(name, env.compile(source, options) as Render);
  }
  return compiled;
}

const reference = handlebarsTemplates();

/** The text, or the fact that it threw. */
function outcome(fn: () => string): string {
  try {
    return fn();
  } catch {
    return "<threw>";
  }
}

function expectSame(name: TemplateName, view: object): string {
  const expected = outcome(() => reference.get(name)!(view));
  expect(outcome(() => render(name, view))).toBe(expected);
  return expected;
}

const BUILD = { compilerVersion: "0.1.0", source: "a b.hvnest", sourceSha256: "ab".repeat(32) };

function sampleViews(source: string) {
  const { topology } = checkSource("t.hvnest", new TextEncoder().encode(source));
  if (topology === null) throw new Error("sample has errors");
  const plans = planScripts(topology);
  return {
    scripts: buildScriptViews(topology, BUILD),
    readme: buildReadmeView(topology, plans, BUILD),
  };
}

const SAMPLES = [
  "article-four-layers",
  "article-nat",
  "azure-nat",
  "mac-spoofing-external",
  "multi-host-siblings",
];
const sources = [
  ...SAMPLES.map((name) => readFileSync(`samples/${name}.hvnest`, "utf8")),
  generateTopology(60),
];

/** Text that exercises quoting and escaping in every helper. */
const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom("", "'", "\u2018x\u201B", "a\nb", "\u0000", "$x`y", "|*_<&>", "0.1.0-rc.1"),
);
const list = <T>(item: fc.Arbitrary<T>) => fc.array(item, { maxLength: 3 });
const int = fc.integer({ min: -2, max: 1_000_000 });
const scriptView = fc.record({
  fileName: text,
  machine: text,
  layer: int,
  kind: fc.constantFrom("physical-host", "guest-hypervisor", "guest-network"),
  build: fc.record({ compilerVersion: text, source: text, sourceSha256: text }),
  guest: fc.boolean(),
  vendor: text,
  versions: list(text),
  nat: fc.option(
    fc.record({
      switchName: text,
      gateway: text,
      prefixLength: int,
      prefix: text,
      netNatName: text,
    }),
  ),
  switches: list(fc.record({ name: text, type: text, adapter: text })),
  vms: list(
    fc.record({
      name: text,
      generation: int,
      version: text,
      memoryMB: int,
      dynamicMemory: fc.boolean(),
      processorCount: int,
      storagePath: text,
      vhdSource: text,
      vhdFile: text,
      isoPath: text,
      newDiskMB: int,
      newDiskFile: text,
      switchName: text,
      exposeExtensions: fc.boolean(),
      macSpoofing: fc.boolean(),
      stopAction: text,
      checkpointType: text,
    }),
  ),
  network: fc.option(
    fc.record({
      switchName: text,
      ipAddress: text,
      prefixLength: int,
      gateway: text,
      dns: list(text),
    }),
  ),
});
const readmeView = fc.record({
  build: fc.record({ compilerVersion: text, source: text, sourceSha256: text }),
  runOrder: list(
    fc.record({
      step: int,
      fileName: text,
      machine: text,
      layer: int,
      before: text,
      after: text,
      parameters: list(text),
    }),
  ),
  diagram: fc.record({
    nodes: list(fc.record({ id: text, open: text, close: text, lines: list(text) })),
    edges: list(fc.record({ from: text, arrow: text, to: text })),
  }),
});

/** Every path to a field of a view, to take one away. */
function fieldPaths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== "object") return [];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((key) => [
    [...at, key],
    ...fieldPaths((value as Record<string | number, unknown>)[key], [...at, key]),
  ]);
}

function without(view: object, path: (string | number)[], replacement?: unknown): object {
  const copy = structuredClone(view) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (replacement === undefined && !Array.isArray(parent)) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

describe("compiled templates", () => {
  afterEach(() => vi.restoreAllMocks());

  it("render every sample's scripts and README as Handlebars does", () => {
    let scripts = 0;
    for (const source of sources) {
      const views = sampleViews(source);
      for (const view of views.scripts) {
        expect(expectSame(`${view.kind}.ps1`, view)).not.toBe("<threw>");
        scripts++;
      }
      expect(expectSame("README.md", views.readme)).not.toBe("<threw>");
    }
    expect(scripts).toBeGreaterThan(60);
  });

  it("render any script view as Handlebars does, and throw where it throws", () => {
    fc.assert(
      fc.property(scriptView, (view) => {
        for (const name of [
          "physical-host.ps1",
          "guest-hypervisor.ps1",
          "guest-network.ps1",
        ] as const) {
          expectSame(name, view);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("render any README view as Handlebars does", () => {
    fc.assert(
      fc.property(readmeView, (view) => {
        expectSame("README.md", view);
      }),
      { numRuns: 300 },
    );
  });

  it("throw where Handlebars throws when a field is missing, null or of another type", () => {
    const { scripts, readme } = sampleViews(
      readFileSync("samples/article-four-layers.hvnest", "utf8"),
    );
    const cases: [TemplateName, object][] = [
      ...scripts.map((v) => [`${v.kind}.ps1`, v] as [TemplateName, object]),
      ["README.md", readme],
    ];
    let threw = 0;
    for (const [name, view] of cases) {
      for (const path of fieldPaths(view)) {
        for (const replacement of [undefined, null, 0, "x", [], {}]) {
          if (expectSame(name, without(view, path, replacement)) === "<threw>") threw++;
        }
      }
    }
    expect(threw).toBeGreaterThan(100);
  });

  const HEADER = "x {{ps a}}\n";
  const unsupported: [string, string, RegExp][] = [
    ["an indented partial", "  {{> p}}\n", /indented partial/],
    ["a parent path", "{{#each xs}}{{ps ../a}}{{/each}}", /`\.\.\/` paths/],
    ["hash arguments", "{{ps a x=1}}", /hash arguments/],
    ["a subexpression", "{{ps (ps a)}}", /SubExpression/],
    ["a literal argument", '{{ps "a"}}', /StringLiteral/],
    ["an unknown block helper", "{{#with a}}{{/with}}", /only #if, #unless, #each/],
    ["an unknown helper", "{{nope a}}", /nope is not a known helper/],
    ["a missing partial", "{{> missing}}", /no partial missing/],
    ["@root", "{{ps @root.a}}", /@root\.a is not supported/],
    ["a dynamic partial", "{{> (ps a)}}", /dynamic partials/],
    ["block parameters", "{{#each xs as |x|}}{{/each}}", /block parameters/],
    ["a decorator", "{{* d}}", /not supported/],
    ["a triple-stash with a helper we lack", "{{{raw a}}}", /raw is not a known helper/],
  ];
  it.each(unsupported)(
    "refuse %s at build time, naming the template and line",
    (_, body, message) => {
      const compile = () => compileTemplates([["t", HEADER + body]], [["p", "p\n"]], ["ps"]);
      expect(compile).toThrow(TemplateCompileError);
      expect(compile).toThrow(message);
      expect(compile).toThrow(/^t\.hbs:2: /);
    },
  );

  /** A template and partials compiled both ways, rendered with the same helpers. */
  async function both(source: string, partials: [string, string][]) {
    const module = (await import(
      `data:text/javascript,${encodeURIComponent(compileTemplates([["t", source]], partials, HELPERS))}`
    )) as CompiledModule;
    const ours = bindTemplates(module, helpers);
    const env = Handlebars.create();
    for (const [name, fn] of Object.entries(helpers)) env.registerHelper(name, fn);
    const options = { noEscape: true, strict: true, knownHelpersOnly: true };
    for (const [name, text] of partials) env.registerPartial(name, env.compile(text, options));
    const theirs = env.compile(source, {
      ...options,
      knownHelpers: Object.fromEntries(HELPERS.map((name) => [name, true])),
    });
    return {
      ours: (view: object) => {
        const { texts, parts } = runTemplate(ours.templates.get("t")!, view, null);
        return join(texts, parts, "t");
      },
      theirs: (view: object) => theirs(view),
    };
  }

  const language: [string, string, [string, string][], object[]][] = [
    [
      "#each with {{else}}, @first, @last, @index, this",
      "{{#each xs}}{{#unless @first}},{{/unless}}{{@index}}={{this}}{{#if @last}}.{{/if}}{{else}}none{{/each}}\n",
      [],
      [{ xs: [] }, { xs: ["a"] }, { xs: ["a", 2, true] }, { xs: [null, ""] }],
    ],
    [
      "nested #each: each frame its own",
      "{{#each xs}}[{{#each this}}{{#if @first}}^{{/if}}{{this}}{{/each}}{{#if @first}}!{{/if}}]{{/each}}\n",
      [],
      [{ xs: [] }, { xs: [[1, 2], [], [3]] }],
    ],
    [
      "#if and #unless with {{else}}, Handlebars' truth",
      "{{#if a}}y{{else}}n{{/if}}{{#unless a}}U{{else}}u{{/unless}}\n",
      [],
      [
        { a: 0 },
        { a: 1 },
        { a: "" },
        { a: "x" },
        { a: [] },
        { a: [0] },
        { a: null },
        { a: {} },
        { a: false },
      ],
    ],
    [
      "plain mustaches: strings, numbers, booleans, null, nested fields",
      "{{a}}|{{b.c}}|{{d}}\n",
      [],
      [{ a: "x", b: { c: 1 }, d: null }, { a: true, b: { c: "" }, d: 0 }, { a: 1 }, { b: {} }],
    ],
    [
      "helpers with nested fields and this",
      "{{ps a.b}} {{psInt n}} {{#each xs}}{{md this}}{{/each}}\n",
      [],
      [
        { a: { b: "it's" }, n: 3, xs: ["*", "a|b"] },
        { a: null, n: 1, xs: [] },
        { a: {}, n: 1, xs: [] },
      ],
    ],
    [
      "partials: with a context, constant, and a partial block",
      "{{> p x}}\n{{> k}}\n{{#> w}}in {{y}}{{/w}}\n",
      [
        ["p", "p:{{z}}"],
        ["k", "constant\n"],
        ["w", "<{{> @partial-block}}>"],
      ],
      [{ x: { z: 1 }, y: 2 }, { x: {}, y: 2 }, { y: 2 }],
    ],
    [
      "fields of an object's prototype: not its own, so not rendered",
      "{{a}}|{{ps b}}|{{#if c}}c{{/if}}\n",
      [],
      [
        Object.create({ a: "inherited", b: "inherited", c: true }) as object,
        { a: 1, b: "own", c: 1 },
      ],
    ],
    [
      "standalone lines and whitespace control",
      "a\n  {{#if t}}\n  b\n  {{/if}}\n{{~#each xs~}} {{this}} {{~/each}}\n{{!-- gone --}}\nc\n",
      [],
      [
        { t: true, xs: [1, 2] },
        { t: false, xs: [] },
      ],
    ],
  ];
  it.each(language)("compile %s as Handlebars renders it", async (_, source, partials, views) => {
    // Handlebars logs each prototype field it refuses.
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { ours, theirs } = await both(source, partials);
    let rendered = 0;
    for (const view of views) {
      const expected = outcome(() => theirs(view));
      expect(
        outcome(() => ours(view)),
        JSON.stringify(view),
      ).toBe(expected);
      if (expected !== "<threw>") rendered++;
    }
    expect(rendered).toBeGreaterThan(0);
  });
});
