import type { Span } from "../diagnostics/span.js";

/** A name as written: plain (`WS2016-Outer`) or single-quoted (`'Lab VM 1'`, `''` unescaped). */
export interface NameNode {
  kind: "name";
  value: string;
  quoted: boolean;
  span: Span;
}

/** A dotted IPv4 address, or a host part alone (`.254`), each with an optional `/prefix`. */
export interface AddressNode {
  kind: "address";
  /** Four octets for a full address; null for a host part alone. */
  octets: [number, number, number, number] | null;
  /** The host number of `.N`; null for a full address. */
  hostPart: number | null;
  prefix: number | null;
  text: string;
  span: Span;
}

export interface SizeNode {
  kind: "size";
  /** The size in MiB (1GB = 1024 MB, as Hyper-V counts). */
  megabytes: number;
  text: string;
  span: Span;
}

export interface IntegerNode {
  kind: "integer";
  value: number;
  text: string;
  span: Span;
}

export interface VersionNode {
  kind: "version";
  major: number;
  minor: number;
  text: string;
  span: Span;
}

export interface StringNode {
  kind: "string";
  value: string;
  span: Span;
}

export type ValueNode = NameNode | AddressNode | SizeNode | IntegerNode | VersionNode | StringNode;

/**
 * One `key value` pair (or a bare flag such as `nested`). `values` holds one entry for most
 * attributes, several for a comma list (`dns`), none for a flag.
 *
 * For the keys of language.md's table the parser has checked the value kind (HVN107, HVN108):
 * memory and disk hold a SizeNode, cpus and gen an IntegerNode, version a VersionNode, ip, gw
 * and dns AddressNodes; path, vhd, iso and adapter a StringNode, quoted or not; the other keys
 * a NameNode, even for a name that looks like a number (`switch 8.0`). An attribute whose value
 * failed that check is left out. Unknown keys keep their values as lexed (HVN214 reports them).
 */
export interface AttributeNode {
  kind: "attribute";
  key: string;
  keySpan: Span;
  values: ValueNode[];
  /** From the key to the end of the last value. */
  span: Span;
}

export interface HostNode {
  kind: "host";
  name: NameNode;
  attributes: AttributeNode[];
  members: MemberNode[];
  /** The `<` that opened the body, when there is one. */
  bodySpan: Span | null;
  span: Span;
}

export interface VmNode {
  kind: "vm";
  name: NameNode;
  attributes: AttributeNode[];
  members: MemberNode[];
  bodySpan: Span | null;
  span: Span;
}

export interface NatNode {
  kind: "nat";
  subnet: AddressNode;
  gateway: AddressNode;
  /** `switch NAME`, `netnat NAME`. */
  attributes: AttributeNode[];
  span: Span;
}

export interface VSwitchNode {
  kind: "vswitch";
  name: NameNode;
  switchType: "external" | "internal" | "private";
  switchTypeSpan: Span;
  /** `adapter STRING`, external only. */
  attributes: AttributeNode[];
  span: Span;
}

export type MemberNode = VmNode | NatNode | VSwitchNode;

export interface FileNode {
  kind: "file";
  hosts: HostNode[];
  span: Span;
}
