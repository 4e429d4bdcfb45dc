// Compiles Handlebars templates to plain JavaScript functions at build time, for the part of
// the language templates/ uses. Handlebars' own parser reads each template (whitespace
// control included); this turns its AST into code that appends text to an output, with the
// semantics of Handlebars 4.7 compiled with { noEscape, strict, knownHelpersOnly } and the
// guarded #if/#unless/#each of src/emit/templates.ts. Why: Handlebars' runtime spent ~30 µs
// per script on option objects, lookups and partial machinery (perf, issue 6); the same
// render as straight code takes a few. test/emit/template-compiler.test.ts renders every
// template with real Handlebars and with this, and compares the text.
//
// Anything outside that part of the language fails the build here, with the template's
// name and line, instead of rendering differently from Handlebars.
import Handlebars from "handlebars";

const BLOCK_HELPERS = new Set(["if", "unless", "each"]);
const DATA_NAMES = new Set(["first", "last", "index", "key"]);

class TemplateCompileError extends Error {}

/** `templates/x.hbs:LINE`, for messages. */
function where(name, node) {
  return `${name}:${node.loc?.start.line ?? "?"}`;
}

/**
 * One template or partial as the body of `function (c, d, o, b)`: c the context, d the data
 * frame (`@first`...), o the output, b the block of a partial block (`@partial-block`).
 */
class FunctionCompiler {
  constructor(name, helpers, partialIds, constantNames) {
    this.name = name;
    this.helpers = helpers;
    this.partialIds = partialIds;
    this.constantNames = constantNames;
    this.blocks = [];
    this.temp = 0;
  }

  fail(node, message) {
    throw new TemplateCompileError(`${where(this.name, node)}: ${message}`);
  }

  /** Statements of a program, in a scope where `c` and `d` are its context and frame. */
  program(program) {
    return program.body.map((node) => this.statement(node)).join("");
  }

  statement(node) {
    switch (node.type) {
      case "ContentStatement":
        return node.value === "" ? "" : `o.s += ${JSON.stringify(node.value)};\n`;
      case "CommentStatement":
        return "";
      case "MustacheStatement":
        return this.mustache(node);
      case "BlockStatement":
        return this.block(node);
      case "PartialStatement":
        return this.partial(node, null);
      case "PartialBlockStatement":
        return this.partial(node, node.program);
      default:
        return this.fail(node, `${node.type} is not supported by scripts/template-compiler.mjs`);
    }
  }

  noHash(node) {
    if (node.hash) this.fail(node, "hash arguments are not supported");
  }

  /** A value: a path on the context or the data frame, without `../`. */
  path(node, strictTerminal) {
    if (node.type !== "PathExpression") {
      this.fail(node, `${node.type} arguments are not supported`);
    }
    if (node.depth !== 0) this.fail(node, "`../` paths are not supported");
    if (node.data) {
      const [name, ...rest] = node.parts;
      if (!DATA_NAMES.has(name) || rest.length > 0) {
        this.fail(node, `@${node.parts.join(".")} is not supported`);
      }
      return `get(d, ${JSON.stringify(name)})`;
    }
    // Handlebars in strict mode: every step but a simple mustache's last is a plain lookup.
    let code = "c";
    node.parts.forEach((part, i) => {
      const last = i === node.parts.length - 1;
      code = `${last && strictTerminal ? "strict" : "get"}(${code}, ${JSON.stringify(part)}, ${JSON.stringify(where(this.name, node))})`;
    });
    return code;
  }

  mustache(node) {
    this.noHash(node);
    const name = node.path.original;
    if (
      node.path.type === "PathExpression" &&
      this.helpers.has(name) &&
      node.path.parts.length === 1 &&
      !node.path.data
    ) {
      const args = node.params.map((param) => this.path(param, false));
      return this.append(`h[${JSON.stringify(name)}](${[...args, "OPTIONS"].join(", ")})`);
    }
    if (node.params.length > 0) this.fail(node, `${name} is not a known helper`);
    return this.append(this.path(node.path, true));
  }

  /** Handlebars with noEscape appends a value unless it is null or undefined. */
  append(code) {
    const t = `v${this.temp++}`;
    return `{ const ${t} = ${code}; if (${t} != null) o.s += ${t}; }\n`;
  }

  block(node) {
    this.noHash(node);
    const name = node.path.original;
    if (!BLOCK_HELPERS.has(name) || node.path.parts.length !== 1) {
      this.fail(node, `block {{#${name}}} is not supported (only #if, #unless, #each)`);
    }
    if (node.params.length !== 1) this.fail(node, `#${name} takes one argument`);
    if (node.program?.blockParams || node.inverse?.blockParams) {
      this.fail(node, "block parameters are not supported");
    }
    const value = this.path(node.params[0], false);
    const site = JSON.stringify(where(this.name, node));
    const fn = node.program ? this.program(node.program) : "";
    const inverse = node.inverse ? this.program(node.inverse) : "";
    const t = `v${this.temp++}`;
    if (name === "each") {
      const i = `i${this.temp++}`;
      const items = `a${this.temp++}`;
      const body = `e${this.temp++}`;
      // The body runs with the item as context and a frame of its own, like Handlebars.
      return (
        `{ const ${items} = each(${value}, ${site});\n` +
        `const ${body} = (c, d) => {\n${fn}};\n` +
        (inverse === "" ? "" : `let ${t} = 0;\n`) +
        `for (let ${i} = 0; ${i} < ${items}.length; ${i}++) {\n` +
        `if (!(${i} in ${items})) continue;\n` +
        (inverse === "" ? "" : `${t}++;\n`) +
        `${body}(${items}[${i}], { _parent: d, key: ${i}, index: ${i}, first: ${i} === 0, last: ${i} === ${items}.length - 1 });\n` +
        `}\n` +
        (inverse === "" ? "" : `if (${t} === 0) {\n${inverse}}\n`) +
        `}\n`
      );
    }
    const test = `truthy(${value}, ${JSON.stringify(name)}, ${site})`;
    const [then, otherwise] = name === "if" ? [fn, inverse] : [inverse, fn];
    return `if (${test}) {\n${then}}` + (otherwise === "" ? "\n" : ` else {\n${otherwise}}\n`);
  }

  partial(node, program) {
    this.noHash(node);
    if (node.indent) this.fail(node, "an indented partial is not supported: start it at column 0");
    if (node.name.type !== "PathExpression") this.fail(node, "dynamic partials are not supported");
    if (node.params.length > 1) this.fail(node, "a partial takes at most one context");
    const context = node.params.length === 1 ? this.path(node.params[0], false) : "c";
    const name = node.name.original;
    if (name === "@partial-block") {
      if (program) this.fail(node, "@partial-block cannot take a block");
      return `if (b === null) throw new Error(${JSON.stringify(`${where(this.name, node)}: no @partial-block here`)});\nb(${context}, d, o);\n`;
    }
    if (node.name.data || node.name.parts.length !== 1)
      this.fail(node, `partial ${name} is not supported`);
    const id = this.partialIds.get(name);
    if (id === undefined) this.fail(node, `no partial ${name}`);
    if (this.constantNames.has(name)) {
      if (program) this.fail(node, `constant partial ${name} cannot take a block`);
      return `constant(o, ${JSON.stringify(name)});\n`;
    }
    // A partial block's content runs in the caller's scope, with the context it is given.
    const block = program ? `(c, d, o) => {\n${this.program(program)}}` : "null";
    return `partial(o, ${JSON.stringify(name)}, ${id}, ${context}, d, ${block});\n`;
  }
}

/** A template's source as Handlebars reads it, LF endings (a CRLF checkout changes nothing). */
function parse(name, source) {
  try {
    return Handlebars.parse(source.replace(/\r\n/g, "\n"));
  } catch (error) {
    throw new TemplateCompileError(`${name}: ${error.message}`);
  }
}

/** A partial without a single mustache: its text, the same wherever it goes. */
function constantText(ast) {
  if (
    !ast.body.every((node) => node.type === "ContentStatement" || node.type === "CommentStatement")
  ) {
    return null;
  }
  return ast.body.map((node) => (node.type === "ContentStatement" ? node.value : "")).join("");
}

/**
 * The module text of generated/templates.js: `bind(runtime)` returns the templates and
 * partials as functions `(context, data, output, block)`.
 *
 * @param {[string, string][]} templates name and source of each entry template
 * @param {[string, string][]} partials name and source of each partial
 * @param {string[]} helpers the helper names a mustache may call
 */
export function compileTemplates(templates, partials, helpers) {
  const helperSet = new Set(helpers);
  const partialAsts = partials.map(([name, source]) => [
    name,
    parse(`partials/${name}.hbs`, source),
  ]);
  const constants = new Map();
  for (const [name, ast] of partialAsts) {
    const text = constantText(ast);
    if (text !== null) constants.set(name, text);
  }
  const partialIds = new Map(partialAsts.map(([name], i) => [name, i]));
  const constantNames = new Set(constants.keys());
  const body = (label, ast) =>
    new FunctionCompiler(label, helperSet, partialIds, constantNames).program(ast);
  const fn = (label, ast) => `function (c, d, o, b) {\n${body(label, ast)}}`;
  const partialFns = partialAsts.map(([name, ast]) =>
    constants.has(name) ? "null" : fn(`partials/${name}.hbs`, ast),
  );
  const templateFns = templates.map(
    ([name, source]) =>
      `${JSON.stringify(name)}: ${fn(`${name}.hbs`, parse(`${name}.hbs`, source))},`,
  );
  return [
    "// GENERATED by scripts/gen-templates.mjs (scripts/template-compiler.mjs) from templates/.",
    "// Do not edit.",
    `export const helperNames = ${JSON.stringify(helpers)};`,
    `export const partialNames = ${JSON.stringify(partials.map(([name]) => name))};`,
    `export const constantPartials = ${JSON.stringify(Object.fromEntries(constants), null, 2)};`,
    "export function bind(runtime) {",
    "const { h, get, strict, truthy, each, constant, OPTIONS } = runtime;",
    `const partials = [\n${partialFns.join(",\n")}\n];`,
    "const partial = (o, name, id, c, d, b) => runtime.partial(o, name, partials[id], c, d, b);",
    `return {\ntemplates: {\n${templateFns.join("\n")}\n},\npartials: Object.fromEntries(${JSON.stringify(partials.map(([name]) => name))}.map((name, i) => [name, partials[i]])),\n};`,
    "}",
    "",
  ].join("\n");
}

export { TemplateCompileError };
