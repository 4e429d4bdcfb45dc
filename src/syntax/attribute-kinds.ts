import type { IToken } from "chevrotain";
import type { ValueNode } from "./ast.js";
import {
  addressNode,
  integerNode,
  nameNode,
  type Report,
  sizeNode,
  stringNode,
  versionNode,
} from "./values.js";

/** What a value slot accepts, with the words the error message uses for it. */
export interface ValueKind {
  /** "a size such as 4GB": completes "expected ... after `memory`". */
  expected: string;
  hint?: string;
  /** The value node, or null when the token is not of this kind. */
  convert(token: IToken, report: Report): ValueNode | null;
}

// Called for every value of every attribute: a Set lookup and plain comparisons, no rest
// array per call (perf, issue 6).
function tokenIs(token: IToken, name: string, other?: string): boolean {
  const actual = token.tokenType.name;
  return actual === name || actual === other;
}

const NAME_TOKENS: ReadonlySet<string> = new Set([
  "Name",
  "QuotedString",
  "UnterminatedString",
  "Integer",
  "VersionLiteral",
  "Size",
  "Address",
]);

function isNameToken(token: IToken): boolean {
  return NAME_TOKENS.has(token.tokenType.name);
}

export const nameKind: ValueKind = {
  expected: "a name",
  hint: "names are letters, digits, `_`, `.` and `-`, or any text in single quotes",
  convert: (token) => (isNameToken(token) ? nameNode(token) : null),
};

const textKind: ValueKind = {
  expected: "a quoted string such as 'D:\\Hyper-V'",
  hint: "put paths and adapter names in single quotes",
  convert: (token) => (isNameToken(token) ? stringNode(token) : null),
};

const sizeKind: ValueKind = {
  expected: "a size such as 4GB",
  hint: "sizes take a unit: MB, GB or TB",
  convert: (token, report) => (tokenIs(token, "Size") ? sizeNode(token, report) : null),
};

const integerKind: ValueKind = {
  expected: "a whole number such as 2",
  convert: (token, report) => (tokenIs(token, "Integer") ? integerNode(token, report) : null),
};

const versionKind: ValueKind = {
  expected: "a configuration version such as 9.0",
  hint: "versions are written major.minor: 8.0, 9.0, 10.0",
  convert: (token, report) =>
    tokenIs(token, "VersionLiteral") ? versionNode(token, report) : null,
};

/** An address with an optional prefix: `192.168.0.10/24` or `.10/24`. */
export const hostAddressKind: ValueKind = {
  expected: "an address such as 192.168.100.10 or .10",
  hint: "a full address is four numbers 0-255; `.N` means host N in the subnet the VM attaches to",
  convert: (token, report) =>
    tokenIs(token, "Address", "HostPart") ? addressNode(token, report) : null,
};

/** An address without a prefix: a gateway or a DNS server. */
export const plainAddressKind: ValueKind = {
  expected: "an address such as 192.168.100.254 or .254, without a /prefix",
  hint: "a gateway or DNS server is one address; the prefix belongs to `ip` or `nat`",
  convert: (token, report) =>
    tokenIs(token, "Address", "HostPart") && !token.image.includes("/")
      ? addressNode(token, report)
      : null,
};

export const subnetKind: ValueKind = {
  expected: "a subnet such as 192.168.100.0/24",
  hint: "a NAT subnet is a full address with a prefix length",
  convert: (token, report) =>
    tokenIs(token, "Address") && token.image.includes("/") ? addressNode(token, report) : null,
};

/** How many values a key takes. */
export type Arity = "flag" | "one" | "list";

export interface AttributeShape {
  arity: Arity;
  kind: ValueKind | null;
}

/**
 * The value shape of every key of the language's table. Which node kinds a key applies to,
 * and which names (intel, on, ws2016) are valid, are topology rules (HVN214), not syntax.
 */
export const attributeShapes: Readonly<Record<string, AttributeShape>> = {
  cpu: { arity: "one", kind: nameKind },
  os: { arity: "one", kind: nameKind },
  edition: { arity: "one", kind: nameKind },
  platform: { arity: "one", kind: nameKind },
  path: { arity: "one", kind: textKind },
  memory: { arity: "one", kind: sizeKind },
  cpus: { arity: "one", kind: integerKind },
  nested: { arity: "flag", kind: null },
  gen: { arity: "one", kind: integerKind },
  version: { arity: "one", kind: versionKind },
  "dynamic-memory": { arity: "one", kind: nameKind },
  "mac-spoofing": { arity: "one", kind: nameKind },
  switch: { arity: "one", kind: nameKind },
  ip: { arity: "one", kind: hostAddressKind },
  gw: { arity: "one", kind: plainAddressKind },
  dns: { arity: "list", kind: plainAddressKind },
  vhd: { arity: "one", kind: textKind },
  iso: { arity: "one", kind: textKind },
  disk: { arity: "one", kind: sizeKind },
  netnat: { arity: "one", kind: nameKind },
  adapter: { arity: "one", kind: textKind },
  "stop-action": { arity: "one", kind: nameKind },
  checkpoints: { arity: "one", kind: nameKind },
};
