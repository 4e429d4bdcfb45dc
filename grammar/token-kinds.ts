import type { IToken } from "chevrotain";
import { matches } from "./categories.js";
import {
  allTokens,
  AttrKey,
  Comma,
  Gt,
  Gw,
  Host,
  Lt,
  NameLike,
  Nat,
  Stray,
  SwitchType,
  Value,
  Vm,
  VSwitch,
} from "./tokens.js";

// The token categories of grammar/tokens.ts as bits of one number per token type, so that a
// hand-written parser tests "is this token a Value" with one array read and a mask, where
// chevrotain's tokenMatcher does a lookup per category (perf, issue 6).

export const ATTR_KEY = 1;
export const VALUE = 2;
export const NAME_LIKE = 4;
export const STRAY = 8;
export const SWITCH_TYPE = 16;

/** Each token type's categories as bits, indexed by chevrotain's tokenTypeIdx. */
const kinds: number[] = [];
for (const type of allTokens) {
  kinds[type.tokenTypeIdx as number] =
    (matches(type, AttrKey) ? ATTR_KEY : 0) |
    (matches(type, Value) ? VALUE : 0) |
    (matches(type, NameLike) ? NAME_LIKE : 0) |
    (matches(type, Stray) ? STRAY : 0) |
    (matches(type, SwitchType) ? SWITCH_TYPE : 0);
}

/** The category bits of `token`, or 0 for no token (the end of the input). */
export function kindOf(token: IToken | undefined): number {
  return token === undefined ? 0 : (kinds[token.tokenTypeIdx] as number);
}

// The type indices of the tokens the hand-written parsers look for by type.
export const LT = Lt.tokenTypeIdx as number;
export const GT = Gt.tokenTypeIdx as number;
export const COMMA = Comma.tokenTypeIdx as number;
export const GW = Gw.tokenTypeIdx as number;
export const HOST = Host.tokenTypeIdx as number;
export const VM = Vm.tokenTypeIdx as number;
export const NAT = Nat.tokenTypeIdx as number;
export const VSWITCH = VSwitch.tokenTypeIdx as number;
