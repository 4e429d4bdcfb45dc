import type { CstElement, CstNode, IToken } from "chevrotain";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/span.js";
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
import { isRealToken, joinSpans, tokenSpan } from "./spans.js";
import { genericValue, nameNode, type Report } from "./values.js";

function nodes(node: CstNode, key: string): CstNode[] {
  return (node.children[key] ?? []) as CstNode[];
}

function tokens(node: CstNode, key: string): IToken[] {
  return (node.children[key] ?? []) as IToken[];
}

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
    return {
      offset: l.startOffset,
      line: l.startLine as number,
      column: l.startColumn as number,
      endOffset: (l.endOffset as number) + 1,
      endLine: l.endLine as number,
      endColumn: (l.endColumn as number) + 1,
    };
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

const FILE_START: Span = { offset: 0, line: 1, column: 1, endOffset: 0, endLine: 1, endColumn: 1 };

export function describeToken(token: IToken): string {
  const image = token.image.length > 40 ? `${token.image.slice(0, 37)}...` : token.image;
  return `\`${image}\``;
}

/**
 * Builds the AST from chevrotain's CST. Input the grammar accepts only to report it well
 * (statements in the wrong place, stray tokens, values of the wrong kind) becomes one
 * diagnostic each here and is left out of the AST.
 */
export function buildAst(cst: CstNode, report: Report): FileNode {
  const hosts: HostNode[] = [];
  for (const statement of nodes(cst, "statement")) {
    const host = nodes(statement, "host")[0];
    if (host !== undefined) {
      const built = buildMachine(host, "host", report);
      if (built) hosts.push(built as HostNode);
      continue;
    }
    misplaced(statement, "top", report);
  }
  for (const token of tokens(cst, "unmatchedClose")) {
    report({
      code: "HVN106",
      severity: "error",
      message: "unmatched `>`: there is no open body to close",
      span: tokenSpan(token),
      hint: "remove it, or add the `<` it was meant to close",
    });
  }
  return { kind: "file", hosts, span: nodeSpan(cst, FILE_START) };
}

/** Reports a statement that cannot stand where it is (`top`: the top level; `body`: a body). */
function misplaced(
  statement: CstNode,
  place: "top" | "body",
  report: Report,
  previous?: CstNode,
): void {
  const [kind, node] = Object.entries(statement.children)[0] ?? [];
  const inner = (node?.[0] as CstNode | undefined) ?? statement;
  const span = nodeSpan(inner, FILE_START);
  if (kind === "stray") {
    const first = tokens(inner, "StrayToken")[0];
    report({
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
    report({
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
  report({
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

/** The name token, or null when the parser had to insert it (already reported). */
function buildName(node: CstNode): NameNode | null {
  const token = firstToken(node, "name");
  return token ? nameNode(token) : null;
}

/**
 * A host or vm. One whose name is missing is left out of the AST, so that later stages do
 * not report the same gap again, but its attributes and body are still checked.
 */
function buildMachine(
  node: CstNode,
  kind: "host" | "vm",
  report: Report,
): HostNode | VmNode | null {
  const keyword = tokens(node, `Kw_${kind}`)[0] as IToken;
  const body = nodes(node, "body")[0];
  const open = body ? firstToken(body, "Lt") : undefined;
  const name = buildName(node);
  const attributes = buildAttributes(node, report);
  const members = body ? buildMembers(body, report) : [];
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

function buildMembers(body: CstNode, report: Report): MemberNode[] {
  const members: MemberNode[] = [];
  let previous: CstNode | undefined;
  for (const statement of nodes(body, "statement")) {
    const vm = nodes(statement, "vm")[0];
    const nat = nodes(statement, "nat")[0];
    const vswitch = nodes(statement, "vswitch")[0];
    if (vm) {
      const built = buildMachine(vm, "vm", report);
      if (built) members.push(built as VmNode);
    } else if (nat) {
      const built = buildNat(nat, report);
      if (built) members.push(built);
    } else if (vswitch) {
      const built = buildVSwitch(vswitch, report);
      if (built) members.push(built);
    } else misplaced(statement, "body", report, previous);
    previous = statement;
  }
  return members;
}

function slotValue(
  token: IToken | undefined,
  kind: ValueKind,
  after: string,
  report: Report,
): AddressNode | null {
  if (token === undefined) return null;
  const value = kind.convert(token, report);
  if (value === null) {
    report({
      code: "HVN107",
      severity: "error",
      message: `expected ${kind.expected} after \`${after}\`, found ${describeToken(token)}`,
      span: tokenSpan(token),
      ...(kind.hint ? { hint: kind.hint } : {}),
    });
  }
  return value as AddressNode | null;
}

function buildNat(node: CstNode, report: Report): NatNode | null {
  const subnet = slotValue(firstToken(node, "subnet"), subnetKind, "nat", report);
  const gateway = slotValue(firstToken(node, "gateway"), plainAddressKind, "gw", report);
  const attributes = buildAttributes(node, report);
  if (subnet === null || gateway === null) return null;
  const keyword = tokens(node, "Kw_nat")[0] as IToken;
  return { kind: "nat", subnet, gateway, attributes, span: nodeSpan(node, tokenSpan(keyword)) };
}

/** A vswitch missing its name or type (already reported) is left out of the AST. */
function buildVSwitch(node: CstNode, report: Report): VSwitchNode | null {
  const keyword = tokens(node, "Kw_vswitch")[0] as IToken;
  const type = firstToken(node, "switchType");
  const name = buildName(node);
  const attributes = buildAttributes(node, report);
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

function buildAttributes(node: CstNode, report: Report): AttributeNode[] {
  const attributes: AttributeNode[] = [];
  for (const attribute of nodes(node, "attribute")) {
    const built = buildAttribute(attribute, report);
    if (built) attributes.push(built);
  }
  return attributes;
}

/** Checks the value shape a known key takes; an attribute with a bad value is left out. */
function buildAttribute(node: CstNode, report: Report): AttributeNode | null {
  const keyToken = tokens(node, "key")[0] as IToken;
  const key = keyToken.image;
  const keySpan = tokenSpan(keyToken);
  const valueTokens = tokens(node, "value").filter(isRealToken);
  const span = nodeSpan(node, keySpan);
  const shape = attributeShapes[key];
  if (shape === undefined) {
    const values = valueTokens.map((token) => genericValue(token, report));
    return { kind: "attribute", key, keySpan, values, span };
  }
  const fail = (code: string, message: string, at: Span, hint?: string): null => {
    report({ code, severity: "error", message, span: at, ...(hint ? { hint } : {}) });
    return null;
  };
  if (shape.arity === "flag") {
    const value = valueTokens[0];
    if (value === undefined) return { kind: "attribute", key, keySpan, values: [], span };
    return fail(
      "HVN108",
      `\`${key}\` is a flag and takes no value, found ${describeToken(value)}`,
      tokenSpan(value),
      `write \`${key}\` alone; to turn it off, leave it out`,
    );
  }
  const kind = shape.kind as ValueKind;
  if (valueTokens.length === 0 && tokens(node, "value").length === 0) {
    return fail("HVN108", `\`${key}\` needs a value: ${kind.expected}`, keySpan, kind.hint);
  }
  if (shape.arity === "one" && valueTokens.length > 1) {
    const extra = valueTokens[1] as IToken;
    return fail(
      "HVN108",
      `\`${key}\` takes one value, found ${valueTokens.length}`,
      joinSpans(tokenSpan(extra), tokenSpan(valueTokens[valueTokens.length - 1] as IToken)),
      "only `dns` takes a comma-separated list",
    );
  }
  const values: ValueNode[] = [];
  for (const token of valueTokens) {
    const value = kind.convert(token, report);
    if (value === null) {
      return fail(
        "HVN107",
        `expected ${kind.expected} after \`${key}\`, found ${describeToken(token)}`,
        tokenSpan(token),
        kind.hint,
      );
    }
    values.push(value);
  }
  return { kind: "attribute", key, keySpan, values, span };
}
