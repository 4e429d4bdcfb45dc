import { CstParser, type IToken } from "chevrotain";
import { bundled } from "../src/bundled.js";
import {
  allTokens,
  AttrKey,
  Comma,
  Gt,
  Gw,
  Host,
  Lt,
  Nat,
  NameLike,
  Stray,
  SwitchType,
  Value,
  Vm,
  VSwitch,
} from "./tokens.js";

/**
 * Error messages travel through chevrotain as `ERR_MSG` strings; each starts with its code so
 * that src/syntax/parse.ts can split code from message (it appends ", found ...").
 */
function expecting(code: string, message: string): string {
  return `${code} ${message}`;
}

function quoted(token: IToken | undefined): string {
  // A name inserted by error recovery is empty: the message then names the keyword alone.
  const image = token?.image ?? "";
  if (image === "") return "";
  return image.startsWith("'") ? ` ${image}` : ` "${image}"`;
}

/**
 * The grammar of a topology file. Every token that cannot start a statement is accepted in a
 * body as a `stray` run, and every statement kind is accepted everywhere, so that misplaced
 * input becomes one diagnostic in the AST builder instead of a parse failure that cascades.
 * The only parse errors left are missing pieces inside a statement and an unclosed body.
 */
class HvnestParser extends CstParser {
  constructor() {
    super(allTokens, {
      recoveryEnabled: true,
      maxLookahead: 2,
      nodeLocationTracking: "full",
      // Validated by every test run; the shipped bundle skips it (perf: start-up).
      skipValidations: bundled,
    });
    this.performSelfAnalysis();
  }

  public readonly file = this.RULE("file", () => {
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.statement) },
        { ALT: () => this.CONSUME(Gt, { LABEL: "unmatchedClose" }) },
      ]);
    });
  });

  /** Anything that can appear at the top level or in a body; the builder judges the place. */
  public readonly statement = this.RULE("statement", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.host) },
      { ALT: () => this.SUBRULE(this.vm) },
      { ALT: () => this.SUBRULE(this.nat) },
      { ALT: () => this.SUBRULE(this.vswitch) },
      { ALT: () => this.SUBRULE(this.body) },
      { ALT: () => this.SUBRULE(this.stray) },
    ]);
  });

  public readonly host = this.RULE("host", () => {
    const keyword = this.CONSUME(Host);
    const name = this.CONSUME(NameLike, {
      LABEL: "name",
      ERR_MSG: expecting("HVN103", "expected the name of the host after `host`"),
    });
    this.MANY(() => this.SUBRULE(this.attribute));
    this.OPTION(() => this.SUBRULE(this.body, { ARGS: [`${keyword.image}${quoted(name)}`] }));
  });

  public readonly vm = this.RULE("vm", () => {
    const keyword = this.CONSUME(Vm);
    const name = this.CONSUME(NameLike, {
      LABEL: "name",
      ERR_MSG: expecting("HVN103", "expected the name of the vm after `vm`"),
    });
    this.MANY(() => this.SUBRULE(this.attribute));
    this.OPTION(() => this.SUBRULE(this.body, { ARGS: [`${keyword.image}${quoted(name)}`] }));
  });

  public readonly nat = this.RULE("nat", () => {
    this.CONSUME(Nat);
    this.CONSUME(Value, {
      LABEL: "subnet",
      ERR_MSG: expecting("HVN103", "expected a subnet such as 192.168.100.0/24 after `nat`"),
    });
    this.CONSUME(Gw, {
      ERR_MSG: expecting(
        "HVN103",
        "expected `gw` and the gateway address after the subnet of the nat",
      ),
    });
    this.CONSUME2(Value, {
      LABEL: "gateway",
      ERR_MSG: expecting("HVN103", "expected the gateway address, such as .254, after `gw`"),
    });
    this.MANY(() => this.SUBRULE(this.attribute));
  });

  public readonly vswitch = this.RULE("vswitch", () => {
    this.CONSUME(VSwitch);
    const name = this.CONSUME(NameLike, {
      LABEL: "name",
      ERR_MSG: expecting("HVN103", "expected the name of the vswitch after `vswitch`"),
    });
    this.CONSUME(SwitchType, {
      LABEL: "switchType",
      ERR_MSG: expecting(
        "HVN103",
        `expected \`external\`, \`internal\` or \`private\` after the name of vswitch${quoted(name)}`,
      ),
    });
    this.MANY(() => this.SUBRULE(this.attribute));
  });

  /**
   * `key`, `key value` or `key value, value, ...`; a name in key position is a key. A value
   * missing after a comma is the builder's to report, once per attribute: recovery here would
   * report every comma of a run.
   */
  public readonly attribute = this.RULE("attribute", () => {
    this.CONSUME(AttrKey, { LABEL: "key" });
    this.OPTION(() => {
      this.CONSUME(Value, { LABEL: "value" });
      this.MANY(() => {
        this.CONSUME(Comma);
        this.OPTION2(() => this.CONSUME2(Value, { LABEL: "value" }));
      });
    });
  });

  /** `owner` describes the node the body belongs to, for the unclosed-body message. */
  public readonly body = this.RULE("body", (owner?: string) => {
    const open = this.CONSUME(Lt);
    this.MANY(() => this.SUBRULE(this.statement));
    this.CONSUME(Gt, {
      ERR_MSG: expecting(
        "HVN104",
        `expected \`>\` to close the body of ${owner ?? "this node"} opened at ${open.startLine}:${open.startColumn}`,
      ),
    });
  });

  /** A run of tokens that cannot start a statement. */
  public readonly stray = this.RULE("stray", () => {
    this.AT_LEAST_ONE(() => this.CONSUME(Stray));
  });
}

/** Built once per process: chevrotain's grammar analysis is the expensive part. */
export const hvnestParser = new HvnestParser();

export type { HvnestParser };
