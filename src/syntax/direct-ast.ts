import type { IToken } from "chevrotain";
import { TokenCursor } from "../../grammar/token-cursor.js";
import {
  ATTR_KEY,
  COMMA,
  GT,
  GW,
  HOST,
  LT,
  NAME_LIKE,
  NAT,
  SWITCH_TYPE,
  VALUE,
  VM,
  VSWITCH,
} from "../../grammar/token-kinds.js";
import { allTokens } from "../../grammar/tokens.js";
import type { Span } from "../diagnostics/span.js";
import type {
  AddressNode,
  AttributeNode,
  HostNode,
  MemberNode,
  NatNode,
  ValueNode,
  VmNode,
  VSwitchNode,
} from "./ast.js";
import {
  type AttributeShape,
  attributeShapes,
  plainAddressKind,
  subnetKind,
  type ValueKind,
} from "./attribute-kinds.js";
import { knownKeys } from "./build-ast.js";
import { inclusiveSpan, tokenSpan } from "./spans.js";
import { genericValue, nameNode, type Report } from "./values.js";

// The AST of a run of tokens straight from the tokens, for the common case: a run that
// parses without an error and in which the builder finds nothing to report (perf, issue 6:
// chevrotain's CST and the walk over it took about a third of `check` of 10,000 VMs). It
// follows grammar/parser.ts and build-ast.ts step by step and makes the same nodes, fields
// in the same order; at the first thing either would report, it gives up (null), and the
// run takes the full path: CST, recovery, builder and its diagnostics.
// test/syntax/direct-ast.test.ts compares the two.

/**
 * A known key and its shape by the type of its token: a key token's text is its key, so the
 * key needs no lookup by a fresh string (V8 hashes such a string on every lookup).
 */
const keyByType: (string | undefined)[] = [];
const shapeByType: (AttributeShape | undefined)[] = [];
for (const type of allTokens) {
  const key = typeof type.PATTERN === "string" ? knownKeys.get(type.PATTERN) : undefined;
  if (key === undefined) continue;
  keyByType[type.tokenTypeIdx as number] = key;
  shapeByType[type.tokenTypeIdx as number] = attributeShapes[key];
}

/** Thrown, and caught in buildAstDirect, where the full path has something to say. */
const GIVE_UP = new Error("give up");

/** A value conversion that reports (a number out of range) is a finding: give up. */
const report: Report = () => {
  throw GIVE_UP;
};

class DirectBuilder extends TokenCursor {
  #next(): IToken {
    return this.tokens[this.at++] as IToken;
  }

  /** The last token read. */
  #last(): IToken {
    return this.tokens[this.at - 1] as IToken;
  }

  hosts(): HostNode[] {
    const hosts: HostNode[] = [];
    // At the top level only hosts are allowed; anything else is the full path's to report.
    while (this.at < this.tokens.length) {
      if (this.type() !== HOST) throw GIVE_UP;
      hosts.push(this.#machine("host") as HostNode);
    }
    return hosts;
  }

  #machine(kind: "host" | "vm"): HostNode | VmNode {
    const keyword = this.#next();
    if ((this.kind() & NAME_LIKE) === 0) throw GIVE_UP;
    const name = nameNode(this.#next());
    const attributes = this.#attributes();
    let members: MemberNode[] = [];
    let bodySpan: Span | null = null;
    if (this.type() === LT) {
      bodySpan = tokenSpan(this.#next());
      members = this.#members();
    }
    return {
      kind,
      name,
      attributes,
      members,
      bodySpan,
      span: inclusiveSpan(keyword, this.#last()),
    } as HostNode | VmNode;
  }

  /** The statements of a body up to and with its `>`. */
  #members(): MemberNode[] {
    const members: MemberNode[] = [];
    for (;;) {
      const type = this.type();
      if (type === GT) break;
      if (type === VM) members.push(this.#machine("vm") as VmNode);
      else if (type === NAT) members.push(this.#nat());
      else if (type === VSWITCH) members.push(this.#vswitch());
      // A misplaced statement, a stray token, or a body left open at the end.
      else throw GIVE_UP;
    }
    this.#next();
    return members.slice();
  }

  /** A value of `kind` in a slot of its own (a nat's subnet or gateway). */
  #slot(kind: ValueKind): AddressNode {
    if ((this.kind() & VALUE) === 0) throw GIVE_UP;
    const value = kind.convert(this.#next(), report);
    if (value === null) throw GIVE_UP;
    return value as AddressNode;
  }

  #nat(): NatNode {
    const keyword = this.#next();
    const subnet = this.#slot(subnetKind);
    if (this.type() !== GW) throw GIVE_UP;
    this.#next();
    const gateway = this.#slot(plainAddressKind);
    const attributes = this.#attributes();
    return { kind: "nat", subnet, gateway, attributes, span: inclusiveSpan(keyword, this.#last()) };
  }

  #vswitch(): VSwitchNode {
    const keyword = this.#next();
    if ((this.kind() & NAME_LIKE) === 0) throw GIVE_UP;
    const name = nameNode(this.#next());
    if ((this.kind() & SWITCH_TYPE) === 0) throw GIVE_UP;
    const type = this.#next();
    const attributes = this.#attributes();
    return {
      kind: "vswitch",
      name,
      switchType: type.image as VSwitchNode["switchType"],
      switchTypeSpan: tokenSpan(type),
      attributes,
      span: inclusiveSpan(keyword, this.#last()),
    };
  }

  #attributes(): AttributeNode[] {
    const attributes: AttributeNode[] = [];
    while ((this.kind() & ATTR_KEY) !== 0) attributes.push(this.#attribute());
    return attributes.slice();
  }

  /** `key`, `key value` or `key value, value, ...`, with the value shape its key takes. */
  #attribute(): AttributeNode {
    const keyToken = this.#next();
    const byType = keyByType[keyToken.tokenTypeIdx];
    const key = byType ?? knownKeys.get(keyToken.image) ?? keyToken.image;
    const keySpan = tokenSpan(keyToken);
    const valueTokens: IToken[] = [];
    if ((this.kind() & VALUE) !== 0) {
      valueTokens.push(this.#next());
      while (this.type() === COMMA) {
        this.#next();
        // A comma without a value after it is reported.
        if ((this.kind() & VALUE) === 0) throw GIVE_UP;
        valueTokens.push(this.#next());
      }
    }
    const span = inclusiveSpan(keyToken, this.#last());
    const shape =
      byType !== undefined
        ? shapeByType[keyToken.tokenTypeIdx]
        : Object.hasOwn(attributeShapes, key)
          ? attributeShapes[key]
          : undefined;
    if (shape === undefined) {
      const values = valueTokens.map((token) => genericValue(token, report));
      return { kind: "attribute", key, keySpan, values, span };
    }
    if (shape.arity === "flag") {
      if (valueTokens.length > 0) throw GIVE_UP;
      return { kind: "attribute", key, keySpan, values: [], span };
    }
    if (valueTokens.length === 0 || (shape.arity === "one" && valueTokens.length > 1)) {
      throw GIVE_UP;
    }
    const kind = shape.kind as ValueKind;
    const values: ValueNode[] = [];
    for (const token of valueTokens) {
      const value = kind.convert(token, report);
      if (value === null) throw GIVE_UP;
      values.push(value);
    }
    return { kind: "attribute", key, keySpan, values: values.slice(), span };
  }
}

/**
 * The hosts and extent of a run of tokens (one or more top-level statements) as
 * parse and buildAst make them, or null when either would report something there.
 */
export function buildAstDirect(
  tokens: readonly IToken[],
): { hosts: HostNode[]; span: Span } | null {
  if (tokens.length === 0) return null;
  try {
    const hosts = new DirectBuilder(tokens).hosts();
    return { hosts, span: inclusiveSpan(tokens[0] as IToken, tokens[tokens.length - 1] as IToken) };
  } catch (error) {
    if (error === GIVE_UP) return null;
    throw error;
  }
}
