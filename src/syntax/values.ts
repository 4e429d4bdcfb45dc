import type { IToken } from "chevrotain";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type {
  AddressNode,
  IntegerNode,
  NameNode,
  SizeNode,
  StringNode,
  ValueNode,
  VersionNode,
} from "./ast.js";
import { tokenSpan } from "./spans.js";

/** Turns one value token into its AST node; range problems go to `report` (HVN109). */
export type Report = (diagnostic: Diagnostic) => void;

const MB_PER_UNIT: Record<string, number> = { mb: 1, gb: 1024, tb: 1024 * 1024 };
const MAX_HOST_NUMBER = 2 ** 32 - 1;

function outOfRange(token: IToken, message: string, report: Report): void {
  report({ code: "HVN109", severity: "error", message, span: tokenSpan(token) });
}

function wholeNumber(digits: string, token: IToken, report: Report): number {
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) {
    outOfRange(token, `the number ${digits} in \`${token.image}\` is too large`, report);
  }
  return value;
}

/** The text of a quoted string: quotes removed, `''` made `'`. An unclosed string keeps its tail. */
export function unquote(image: string): string {
  const body = image.endsWith("'") && image.length >= 2 ? image.slice(1, -1) : image.slice(1);
  return body.replaceAll("''", "'");
}

export function isQuoted(token: IToken): boolean {
  return token.image.startsWith("'");
}

export function nameNode(token: IToken): NameNode {
  const quoted = isQuoted(token);
  return {
    kind: "name",
    value: quoted ? unquote(token.image) : token.image,
    quoted,
    span: tokenSpan(token),
  };
}

export function stringNode(token: IToken): StringNode {
  return {
    kind: "string",
    value: isQuoted(token) ? unquote(token.image) : token.image,
    span: tokenSpan(token),
  };
}

export function sizeNode(token: IToken, report: Report): SizeNode {
  const digits = token.image.slice(0, -2);
  const unit = MB_PER_UNIT[token.image.slice(-2).toLowerCase()] ?? 1;
  const megabytes = wholeNumber(digits, token, report) * unit;
  if (Number.isSafeInteger(Number(digits)) && !Number.isSafeInteger(megabytes)) {
    outOfRange(token, `the size \`${token.image}\` is too large`, report);
  }
  return { kind: "size", megabytes, text: token.image, span: tokenSpan(token) };
}

export function integerNode(token: IToken, report: Report): IntegerNode {
  return {
    kind: "integer",
    value: wholeNumber(token.image, token, report),
    text: token.image,
    span: tokenSpan(token),
  };
}

export function versionNode(token: IToken, report: Report): VersionNode {
  const [major = "", minor = ""] = token.image.split(".");
  return {
    kind: "version",
    major: wholeNumber(major, token, report),
    minor: wholeNumber(minor, token, report),
    text: token.image,
    span: tokenSpan(token),
  };
}

function prefixOf(text: string, token: IToken, report: Report): number | null {
  if (text === undefined || text === "") return null;
  const prefix = Number(text);
  if (prefix > 32)
    outOfRange(token, `the prefix length /${text} in \`${token.image}\` is above 32`, report);
  return prefix;
}

/**
 * `a.b.c.d[/p]` (an Address token) or `.n[/p]` (a HostPart token): the lexer allows no other
 * image, so the parts are found with indexOf rather than split arrays (perf, issue 6: ~4
 * addresses per VM).
 */
export function addressNode(token: IToken, report: Report): AddressNode {
  const image = token.image;
  const slash = image.indexOf("/");
  const address = slash < 0 ? image : image.slice(0, slash);
  const prefix = prefixOf(slash < 0 ? "" : image.slice(slash + 1), token, report);
  const span = tokenSpan(token);
  if (address.startsWith(".")) {
    const hostPart = Number(address.slice(1));
    if (hostPart > MAX_HOST_NUMBER) {
      outOfRange(
        token,
        `the host number ${address.slice(1)} in \`${token.image}\` is too large`,
        report,
      );
    }
    return { kind: "address", octets: null, hostPart, prefix, text: token.image, span };
  }
  const first = address.indexOf(".");
  const second = address.indexOf(".", first + 1);
  const third = address.indexOf(".", second + 1);
  const a = Number(address.slice(0, first));
  const b = Number(address.slice(first + 1, second));
  const c = Number(address.slice(second + 1, third));
  const d = Number(address.slice(third + 1));
  const bad = a > 255 ? a : b > 255 ? b : c > 255 ? c : d > 255 ? d : undefined;
  if (bad !== undefined) {
    outOfRange(token, `the address \`${token.image}\` has an octet above 255 (${bad})`, report);
  }
  return { kind: "address", octets: [a, b, c, d], hostPart: null, prefix, text: token.image, span };
}

/** A value whose kind the key does not constrain (an unknown attribute): as it was lexed. */
export function genericValue(token: IToken, report: Report): ValueNode {
  switch (token.tokenType.name) {
    case "Address":
    case "HostPart":
      return addressNode(token, report);
    case "Size":
      return sizeNode(token, report);
    case "VersionLiteral":
      return versionNode(token, report);
    case "Integer":
      return integerNode(token, report);
    case "QuotedString":
    case "UnterminatedString":
      return stringNode(token);
    default:
      return nameNode(token);
  }
}
