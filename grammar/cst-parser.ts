import type { CstNode, CstNodeLocation, IToken } from "chevrotain";
import { TokenCursor } from "./token-cursor.js";
import {
  ATTR_KEY,
  COMMA,
  GT,
  GW,
  HOST,
  LT,
  NAME_LIKE,
  NAT,
  STRAY,
  SWITCH_TYPE,
  VALUE,
  VM,
  VSWITCH,
} from "./token-kinds.js";

// The grammar of grammar/parser.ts written out as plain recursive descent, building the same
// CST that chevrotain builds (perf, issue 6: chevrotain's generic machinery took ~135 ms of
// the parse of 10,000 VMs). It covers only input that parses without an error: every token
// but `>` can start a statement, so the one parse error is a body left open at the end of
// the input, and there this parser gives up (null) and chevrotain parses the same tokens,
// recovery and messages included. A parse without an error is chevrotain's LL(1) decisions
// alone (its in-repetition recovery only acts when it records an error), and those are the
// token-category tests below. test/syntax/cst-parser.test.ts compares the two CSTs. Since
// src/syntax/direct-ast.ts, a run reaches it only when the parser or builder reports there.

/** Thrown, and caught in parseCst, when the input needs chevrotain's error recovery. */
const NEEDS_RECOVERY = new Error("needs recovery");

type Children = Record<string, (CstNode | IToken)[]>;

/**
 * A node as chevrotain makes it with error recovery and full location tracking: the location
 * starts unknown and the first token or child sets it, later ones move its end.
 */
function node(name: string): CstNode {
  return {
    name,
    children: Object.create(null) as Children,
    location: {
      startOffset: NaN,
      startLine: NaN,
      startColumn: NaN,
      endOffset: NaN,
      endLine: NaN,
      endColumn: NaN,
    },
  } as CstNode;
}

/** Chevrotain's setNodeLocationFull, for locations that are all numbers. */
function extend(location: CstNodeLocation, by: CstNodeLocation | IToken): void {
  if (Number.isNaN(location.startOffset)) {
    location.startOffset = by.startOffset;
    location.startColumn = by.startColumn;
    location.startLine = by.startLine;
    location.endOffset = by.endOffset;
    location.endColumn = by.endColumn;
    location.endLine = by.endLine;
  } else if ((location.endOffset as number) < (by.endOffset as number)) {
    location.endOffset = by.endOffset;
    location.endColumn = by.endColumn;
    location.endLine = by.endLine;
  }
}

function add(parent: CstNode, key: string, child: CstNode | IToken): void {
  const children = parent.children as Children;
  const list = children[key];
  if (list === undefined) children[key] = [child];
  else list.push(child);
}

class CstReader extends TokenCursor {
  #consume(parent: CstNode, key: string): void {
    const token = this.tokens[this.at++] as IToken;
    add(parent, key, token);
    extend(parent.location as CstNodeLocation, token);
  }

  #subrule(parent: CstNode, child: CstNode): void {
    add(parent, child.name, child);
    extend(parent.location as CstNodeLocation, child.location as CstNodeLocation);
  }

  file(): CstNode {
    const file = node("file");
    for (let type = this.type(); type !== -1; type = this.type()) {
      if (type === GT) this.#consume(file, "unmatchedClose");
      else this.#subrule(file, this.#statement());
    }
    return file;
  }

  #statement(): CstNode {
    const statement = node("statement");
    const type = this.type();
    let inner: CstNode;
    if (type === HOST) inner = this.#machine("host", "Kw_host");
    else if (type === VM) inner = this.#machine("vm", "Kw_vm");
    else if (type === NAT) inner = this.#nat();
    else if (type === VSWITCH) inner = this.#vswitch();
    else if (type === LT) inner = this.#body();
    else if ((this.kind() & STRAY) !== 0) inner = this.#stray();
    else throw NEEDS_RECOVERY;
    this.#subrule(statement, inner);
    return statement;
  }

  #machine(name: "host" | "vm", keyword: string): CstNode {
    const machine = node(name);
    this.#consume(machine, keyword);
    if ((this.kind() & NAME_LIKE) !== 0) this.#consume(machine, "name");
    while ((this.kind() & ATTR_KEY) !== 0) this.#subrule(machine, this.#attribute());
    if (this.type() === LT) this.#subrule(machine, this.#body());
    return machine;
  }

  #nat(): CstNode {
    const nat = node("nat");
    this.#consume(nat, "Kw_nat");
    if ((this.kind() & VALUE) !== 0) this.#consume(nat, "subnet");
    if (this.type() === GW) this.#consume(nat, "Kw_gw");
    if ((this.kind() & VALUE) !== 0) this.#consume(nat, "gateway");
    while ((this.kind() & ATTR_KEY) !== 0) this.#subrule(nat, this.#attribute());
    return nat;
  }

  #vswitch(): CstNode {
    const vswitch = node("vswitch");
    this.#consume(vswitch, "Kw_vswitch");
    if ((this.kind() & NAME_LIKE) !== 0) this.#consume(vswitch, "name");
    if ((this.kind() & SWITCH_TYPE) !== 0) this.#consume(vswitch, "switchType");
    while ((this.kind() & ATTR_KEY) !== 0) this.#subrule(vswitch, this.#attribute());
    return vswitch;
  }

  #attribute(): CstNode {
    const attribute = node("attribute");
    this.#consume(attribute, "key");
    if ((this.kind() & VALUE) !== 0) {
      this.#consume(attribute, "value");
      while (this.type() === COMMA) {
        this.#consume(attribute, "Comma");
        if ((this.kind() & VALUE) !== 0) this.#consume(attribute, "value");
      }
    }
    return attribute;
  }

  #body(): CstNode {
    const body = node("body");
    this.#consume(body, "Lt");
    for (let type = this.type(); type !== GT; type = this.type()) {
      // A body open at the end of the input: chevrotain's recovery decides what follows.
      if (type === -1) throw NEEDS_RECOVERY;
      this.#subrule(body, this.#statement());
    }
    this.#consume(body, "Gt");
    return body;
  }

  #stray(): CstNode {
    const stray = node("stray");
    do this.#consume(stray, "StrayToken");
    while ((this.kind() & STRAY) !== 0);
    return stray;
  }
}

/**
 * The CST chevrotain's parser makes of `tokens` when they parse without an error, or null
 * when they do not (then only chevrotain's parse says what the errors and recovery are).
 */
export function parseCst(tokens: readonly IToken[]): CstNode | null {
  try {
    return new CstReader(tokens).file();
  } catch (error) {
    if (error === NEEDS_RECOVERY) return null;
    throw error;
  }
}
