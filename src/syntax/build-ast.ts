import type { CstElement, CstNode, IToken } from "chevrotain";
import { makeSpan, type Span } from "../diagnostics/span.js";
import type {
  AddressNode,
  AttributeNode,
  FileNode,
  HostNode,
  MemberNode,
  NameNode,
  NatNode,
  ValueNode,
  VmNode,
  VSwitchNode,
} from "./ast.js";
import {
  attributeShapes,
  subnetKind,
  plainAddressKind,
  type ValueKind,
} from "./attribute-kinds.js";
import { inclusiveSpan, isRealToken, joinSpans, tokenSpan } from "./spans.js";
import { genericValue, nameNode, type Report } from "./values.js";

// What a missing CST key reads as: one shared empty list, not a new one per lookup (perf,
// issue 6: most attributes have no comma, most VMs no body). Callers only read it.
const NONE: readonly never[] = Object.freeze([]);

function nodes(node: CstNode, key: string): readonly CstNode[] {
  return (node.children[key] ?? NONE) as CstNode[];
}

function tokens(node: CstNode, key: string): readonly IToken[] {
  return (node.children[key] ?? NONE) as IToken[];
}

/** The CST key of each statement keyword, made once rather than per node. */
const KEYWORD_KEY = { host: "Kw_host", vm: "Kw_vm" } as const;

function firstToken(node: CstNode, key: string): IToken | undefined {
  const token = tokens(node, key)[0];
  return isRealToken(token) ? token : undefined;
}

function isToken(element: CstElement): element is IToken {
  return "image" in element;
}

/**
 * The node's extent from chevrotain's location tracking; a node built by error recovery may
 * lack an end, and then the real tokens under it decide.
 */
function nodeSpan(node: CstNode, fallback: Span): Span {
  const l = node.location;
  if (
    l !== undefined &&
    Number.isFinite(l.startOffset) &&
    Number.isFinite(l.endOffset) &&
    Number.isFinite(l.startLine) &&
    Number.isFinite(l.endLine)
  ) {
    return inclusiveSpan(l, l);
  }
  return tokenExtent(node) ?? fallback;
}

function tokenExtent(node: CstNode): Span | null {
  let first: IToken | undefined;
  let last: IToken | undefined;
  const visit = (element: CstElement): void => {
    if (isToken(element)) {
      if (!isRealToken(element)) return;
      if (first === undefined || element.startOffset < first.startOffset) first = element;
      if (last === undefined || element.startOffset > last.startOffset) last = element;
      return;
    }
    for (const children of Object.values(element.children)) children.forEach(visit);
  };
  visit(node);
  return first && last ? joinSpans(tokenSpan(first), tokenSpan(last)) : null;
}

/** What follows a token: the next token, or the end of the file. */
export type After = (token: IToken) => { found: string; span: Span; token?: IToken };

interface Context {
  report: Report;
  after: After;
}

/** Reports a missing piece right after `token`: "expected X, found Y", pointing at Y. */
function missing(cx: Context, token: IToken, expected: string, hint?: string): void {
  const next = cx.after(token);
  const keyword = next.token?.tokenType.name.startsWith("Kw_") === true;
  const quoteHint =
    keyword && expected.startsWith("the name")
      ? `\`${next.token?.image}\` is a keyword; a name that is a keyword must be quoted: '${next.token?.image}'`
      : hint;
  cx.report({
    code: "HVN103",
    severity: "error",
    message: `expected ${expected}, found ${next.found}`,
    span: next.span,
    ...(quoteHint ? { hint: quoteHint } : {}),
  });
}

const FILE_START: Span = makeSpan(0, 1, 1, 0, 1, 1);

export function describeToken(token: IToken): string {
  const image = token.image.length > 40 ? `${token.image.slice(0, 37)}...` : token.image;
  return `\`${image}\``;
}

/**
 * Builds the AST from chevrotain's CST. Input the grammar accepts only to report it well
 * (statements in the wrong place, stray tokens, values of the wrong kind) becomes one
 * diagnostic each here and is left out of the AST.
 */
export function buildAst(cst: CstNode, report: Report, after: After): FileNode {
  const cx: Context = { report, after };
  const hosts: HostNode[] = [];
  // Each top-level statement's CST is dropped once read: for a large file the CST is
  // bigger than the AST, and holding both raised peak memory by ~100 MB for 50,000 VMs
  // (perf, issue 6). Nothing reads the CST after buildAst.
  const statements = (cst.children["statement"] ?? []) as (CstNode | undefined)[];
  for (let i = 0; i < statements.length; i++) {
    const statement = statements[i] as CstNode;
    statements[i] = undefined;
    const host = nodes(statement, "host")[0];
    if (host !== undefined) {
      const built = buildMachine(host, "host", cx);
      if (built) hosts.push(built as HostNode);
      continue;
    }
    misplaced(statement, "top", cx);
  }
  reportUnmatchedCloses(tokens(cst, "unmatchedClose"), cx);
  return { kind: "file", hosts, span: nodeSpan(cst, FILE_START) };
}

/** One diagnostic per run of adjacent unmatched `>`: `> > >` is one slip, not three. */
function reportUnmatchedCloses(closes: readonly IToken[], cx: Context): void {
  let i = 0;
  while (i < closes.length) {
    const first = closes[i] as IToken;
    let last = first;
    let count = 1;
    while (i + count < closes.length && cx.after(last).token === closes[i + count]) {
      last = closes[i + count] as IToken;
      count++;
    }
    i += count;
    cx.report({
      code: "HVN106",
      severity: "error",
      message:
        count === 1
          ? "unmatched `>`: there is no open body to close"
          : `${count} unmatched \`>\`: there is no open body to close`,
      span: joinSpans(tokenSpan(first), tokenSpan(last)),
      hint:
        count === 1
          ? "remove it, or add the `<` it was meant to close"
          : "remove them, or add the `<` each was meant to close",
    });
  }
}

/** Reports a statement that cannot stand where it is (`top`: the top level; `body`: a body). */
function misplaced(
  statement: CstNode,
  place: "top" | "body",
  cx: Context,
  previous?: CstNode,
): void {
  const [kind, node] = Object.entries(statement.children)[0] ?? [];
  const inner = (node?.[0] as CstNode | undefined) ?? statement;
  const span = nodeSpan(inner, FILE_START);
  if (kind === "stray") {
    const first = tokens(inner, "StrayToken")[0];
    cx.report({
      code: "HVN103",
      severity: "error",
      message:
        place === "top"
          ? `expected \`host\`, found ${first ? describeToken(first) : "text"}`
          : `expected \`vm\`, \`nat\`, \`vswitch\` or \`>\`, found ${first ? describeToken(first) : "text"}`,
      span,
      hint:
        place === "top"
          ? "a file is a list of `host NAME attributes < ... >` blocks"
          : "attributes follow the name of their node, before its `<`: vm A memory 2GB cpus 2",
    });
    return;
  }
  if (kind === "body") {
    const owner = previous && Object.keys(previous.children)[0];
    const open = firstToken(inner, "Lt");
    cx.report({
      code: "HVN105",
      severity: "error",
      message:
        owner === "nat" || owner === "vswitch"
          ? `a ${owner} has no body: \`<\` can follow only a host or a vm`
          : "a body `<` must follow the name and attributes of a host or a vm",
      span: open ? tokenSpan(open) : span,
      hint: "write `host NAME ... < ... >` or `vm NAME ... < ... >`",
    });
    return;
  }
  const keyword = tokens(inner, `Kw_${kind}`)[0];
  const name = firstToken(inner, "name");
  const head = keyword
    ? name
      ? joinSpans(tokenSpan(keyword), tokenSpan(name))
      : tokenSpan(keyword)
    : span;
  cx.report({
    code: "HVN105",
    severity: "error",
    message:
      kind === "host"
        ? "`host` is allowed only at the top level; a machine inside another is a `vm`"
        : `\`${kind}\` must be inside the body \`< ... >\` of a host or a vm`,
    span: head,
    hint:
      kind === "host"
        ? "write `vm` instead, or move the host out of the body"
        : "move it into a body",
  });
}

/** The name after `keyword`, or null (reported) when it is missing. */
function buildName(node: CstNode, keyword: IToken, cx: Context): NameNode | null {
  const token = firstToken(node, "name");
  if (token) return nameNode(token);
  missing(cx, keyword, `the name of the ${keyword.image} after \`${keyword.image}\``);
  return null;
}

/**
 * A host or vm. One whose name is missing is left out of the AST, so that later stages do
 * not report the same gap again, but its attributes and body are still checked.
 */
function buildMachine(node: CstNode, kind: "host" | "vm", cx: Context): HostNode | VmNode | null {
  const keyword = tokens(node, KEYWORD_KEY[kind])[0] as IToken;
  const body = nodes(node, "body")[0];
  const open = body ? firstToken(body, "Lt") : undefined;
  const name = buildName(node, keyword, cx);
  const attributes = buildAttributes(node, cx);
  const members = body ? buildMembers(body, cx) : [];
  if (name === null) return null;
  return {
    kind,
    name,
    attributes,
    members,
    bodySpan: open ? tokenSpan(open) : null,
    span: nodeSpan(node, tokenSpan(keyword)),
  } as HostNode | VmNode;
}

function buildMembers(body: CstNode, cx: Context): MemberNode[] {
  const members: MemberNode[] = [];
  let previous: CstNode | undefined;
  for (const statement of nodes(body, "statement")) {
    // Looked up in turn: most statements are VMs (perf, issue 6).
    let node: CstNode | undefined;
    if ((node = nodes(statement, "vm")[0])) {
      const built = buildMachine(node, "vm", cx);
      if (built) members.push(built as VmNode);
    } else if ((node = nodes(statement, "nat")[0])) {
      const built = buildNat(node, cx);
      if (built) members.push(built);
    } else if ((node = nodes(statement, "vswitch")[0])) {
      const built = buildVSwitch(node, cx);
      if (built) members.push(built);
    } else misplaced(statement, "body", cx, previous);
    previous = statement;
  }
  return trimmed(members);
}

function slotValue(
  token: IToken | undefined,
  kind: ValueKind,
  after: string,
  cx: Context,
): AddressNode | null {
  if (token === undefined) return null;
  const value = kind.convert(token, cx.report);
  if (value === null) {
    cx.report({
      code: "HVN107",
      severity: "error",
      message: `expected ${kind.expected} after \`${after}\`, found ${describeToken(token)}`,
      span: tokenSpan(token),
      ...(kind.hint ? { hint: kind.hint } : {}),
    });
  }
  return value as AddressNode | null;
}

/** `nat SUBNET gw GATEWAY`: each missing piece is reported where it should have been. */
function buildNat(node: CstNode, cx: Context): NatNode | null {
  const keyword = tokens(node, "Kw_nat")[0] as IToken;
  const subnetToken = firstToken(node, "subnet");
  const gw = firstToken(node, "Kw_gw");
  const gatewayToken = firstToken(node, "gateway");
  let subnet: AddressNode | null = null;
  let gateway: AddressNode | null = null;
  if (subnetToken === undefined)
    missing(cx, keyword, `${subnetKind.expected} after \`nat\``, subnetKind.hint);
  else subnet = slotValue(subnetToken, subnetKind, "nat", cx);
  if (subnetToken !== undefined && gw === undefined) {
    missing(cx, subnetToken, "`gw` and the gateway address after the subnet of the nat");
  } else if (gw !== undefined && gatewayToken === undefined) {
    missing(cx, gw, "the gateway address, such as .254, after `gw`");
  } else if (gatewayToken !== undefined) {
    gateway = slotValue(gatewayToken, plainAddressKind, "gw", cx);
  }
  const attributes = buildAttributes(node, cx);
  if (subnet === null || gateway === null) return null;
  return { kind: "nat", subnet, gateway, attributes, span: nodeSpan(node, tokenSpan(keyword)) };
}

/** A vswitch missing its name or type is reported and left out of the AST. */
function buildVSwitch(node: CstNode, cx: Context): VSwitchNode | null {
  const keyword = tokens(node, "Kw_vswitch")[0] as IToken;
  const name = buildName(node, keyword, cx);
  const type = firstToken(node, "switchType");
  if (name !== null && type === undefined) {
    const label = name.quoted ? `'${name.value.replaceAll("'", "''")}'` : `"${name.value}"`;
    missing(
      cx,
      firstToken(node, "name") as IToken,
      `\`external\`, \`internal\` or \`private\` after the name of vswitch ${label}`,
      "a vswitch is declared with its type: vswitch LAN external adapter 'Ethernet'",
    );
  }
  const attributes = buildAttributes(node, cx);
  if (name === null || type === undefined) return null;
  return {
    kind: "vswitch",
    name,
    switchType: type.image as VSwitchNode["switchType"],
    switchTypeSpan: tokenSpan(type),
    attributes,
    span: nodeSpan(node, tokenSpan(keyword)),
  };
}

/** Sized exactly by map; a list with an attribute left out is filtered (perf, issue 6). */
function buildAttributes(node: CstNode, cx: Context): AttributeNode[] {
  const built = nodes(node, "attribute").map((attribute) => buildAttribute(attribute, cx));
  return built.includes(null) ? built.filter((item) => item !== null) : (built as AttributeNode[]);
}

/**
 * A copy of `items` holding exactly its elements. An array grown by push from empty keeps
 * room for 17; the AST's short lists (one value, two or three attributes) kept that room
 * for the whole check (perf, issue 6: ~5 MB per 10,000 VMs).
 */
function trimmed<T>(items: T[]): T[] {
  return items.slice();
}

/** The first comma not followed by a value of its attribute: `dns 10.0.0.1,` or `a,,b`. */
function danglingComma(node: CstNode): IToken | undefined {
  const commas = tokens(node, "Comma");
  if (commas.length === 0) return undefined;
  const values = tokens(node, "value");
  let v = 0;
  for (let c = 0; c < commas.length; c++) {
    const at = (commas[c] as IToken).startOffset;
    const next = commas[c + 1]?.startOffset ?? Infinity;
    while (v < values.length && (values[v] as IToken).startOffset < at) v++;
    const value = values[v];
    if (value === undefined || value.startOffset > next) return commas[c];
  }
  return undefined;
}

/**
 * Each key of the language as one shared string. A token's image is a fresh string cut from
 * the text; V8 looks such a string up in its string table every time it is used as a
 * property key, and the resolver and rules use each key so several times per attribute
 * (perf, issue 6). Same text, so the AST is unchanged.
 */
export const knownKeys: ReadonlyMap<string, string> = new Map(
  Object.keys(attributeShapes).map((key) => [key, key]),
);

/** Reports a value problem; a function, not a closure made for every attribute (perf, issue 6). */
function fail(cx: Context, code: string, message: string, at: Span, hint?: string): null {
  cx.report({ code, severity: "error", message, span: at, ...(hint ? { hint } : {}) });
  return null;
}

/** Checks the value shape a known key takes; an attribute with a bad value is left out. */
function buildAttribute(node: CstNode, cx: Context): AttributeNode | null {
  const keyToken = tokens(node, "key")[0] as IToken;
  const key = knownKeys.get(keyToken.image) ?? keyToken.image;
  const keySpan = tokenSpan(keyToken);
  const written = tokens(node, "value");
  // Only error recovery makes a token that is not real: filter only then (perf, issue 6).
  const valueTokens = written.every((token) => isRealToken(token))
    ? written
    : written.filter(isRealToken);
  const span = nodeSpan(node, keySpan);
  const dangling = danglingComma(node);
  if (dangling !== undefined) {
    missing(
      cx,
      dangling,
      `a value after \`,\` in the list of \`${key}\``,
      "remove the extra comma, or write the missing value",
    );
    return null;
  }
  // Own keys only: `constructor` or `toString` is a name like any other (HVN214 reports it).
  const shape = Object.hasOwn(attributeShapes, key) ? attributeShapes[key] : undefined;
  if (shape === undefined) {
    const values = valueTokens.map((token) => genericValue(token, cx.report));
    return { kind: "attribute", key, keySpan, values, span };
  }
  if (shape.arity === "flag") {
    const value = valueTokens[0];
    if (value === undefined) return { kind: "attribute", key, keySpan, values: [], span };
    return fail(
      cx,
      "HVN108",
      `\`${key}\` is a flag and takes no value, found ${describeToken(value)}`,
      tokenSpan(value),
      `write \`${key}\` alone; to turn it off, leave it out`,
    );
  }
  const kind = shape.kind as ValueKind;
  if (valueTokens.length === 0 && written.length === 0) {
    return fail(cx, "HVN108", `\`${key}\` needs a value: ${kind.expected}`, keySpan, kind.hint);
  }
  if (shape.arity === "one" && valueTokens.length > 1) {
    const extra = valueTokens[1] as IToken;
    return fail(
      cx,
      "HVN108",
      `\`${key}\` takes one value, found ${valueTokens.length}`,
      joinSpans(tokenSpan(extra), tokenSpan(valueTokens[valueTokens.length - 1] as IToken)),
      "only `dns` takes a comma-separated list",
    );
  }
  const values: ValueNode[] = [];
  for (const token of valueTokens) {
    const value = kind.convert(token, cx.report);
    if (value === null) {
      return fail(
        cx,
        "HVN107",
        `expected ${kind.expected} after \`${key}\`, found ${describeToken(token)}`,
        tokenSpan(token),
        kind.hint,
      );
    }
    values.push(value);
  }
  return { kind: "attribute", key, keySpan, values: trimmed(values), span };
}
