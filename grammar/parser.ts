import { CstParser, type IToken, type Rule, type TokenType } from "chevrotain";
import { bundled } from "../src/bundled.js";
import { grammarData } from "./analysis.generated.js";
import {
  type Decision,
  prebuiltDecisions,
  type PrebuiltDecision,
  prebuiltFollows,
  prebuiltRules,
} from "./prebuilt.js";
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

/** The parser's lookahead depth; grammar/analysis.generated.ts is computed for it. */
export const MAX_LOOKAHEAD = 1;

/** `vm "WS2016-Outer"` or `vm 'Lab 1'`, for the unclosed-body message; `vm` if unnamed. */
function owner(keyword: IToken, name: IToken | undefined): string {
  const image = name?.image ?? "";
  if (image === "") return keyword.image;
  return image.startsWith("'") ? `${keyword.image} ${image}` : `${keyword.image} "${image}"`;
}

/**
 * The grammar of a topology file. Every token that cannot start a statement is accepted in a
 * body as a `stray` run, and every statement kind is accepted everywhere, so that misplaced
 * input becomes one diagnostic in the AST builder instead of a parse failure that cascades.
 * Missing pieces of a statement (a name, `gw`, a switch type) are optional here for the same
 * reason, and reported by the builder. The one parse error left is an unclosed body; its
 * message starts with its code (src/syntax/parse.ts splits it off and adds ", found ...").
 */
class HvnestParser extends CstParser {
  readonly #prebuilt: PrebuiltGrammar | undefined;

  /**
   * With `prebuilt` (the shipped parser), chevrotain's grammar analysis is not run at
   * start-up (perf, issue 6); without it, chevrotain records and analyses the grammar and
   * validates it, which is how grammar/analysis.ts makes the data and what the tests compare
   * the shipped parser with.
   */
  constructor(prebuilt?: PrebuiltGrammar) {
    super(allTokens, {
      recoveryEnabled: true,
      // The grammar is LL(1) (grammar validation in the tests proves it); a larger k only
      // makes chevrotain compute longer lookahead paths at start-up (perf: about 10 ms).
      maxLookahead: MAX_LOOKAHEAD,
      nodeLocationTracking: "full",
      // Validated by every test run; the shipped bundle skips it (perf: start-up).
      skipValidations: bundled,
    });
    this.#prebuilt = prebuilt;
    this.performSelfAnalysis();
  }

  /**
   * Chevrotain's performSelfAnalysis (11.2, parse/parser/parser.js) with its results read
   * from the prebuilt grammar: the same fields set to the same values, which the
   * prebuilt-grammar test compares with a parser that ran the real one. Not public API:
   * should chevrotain change these internals, that test fails.
   */
  protected override performSelfAnalysis(): void {
    const prebuilt = this.#prebuilt;
    if (prebuilt === undefined) return super.performSelfAnalysis();
    const internals = this as unknown as ChevrotainParserInternals;
    if (internals.definitionErrors.length > 0)
      throw new Error(
        `Parser Definition Errors detected:\n ${internals.definitionErrors.map((e) => e.message).join("\n")}`,
      );
    internals.selfAnalysisDone = true;
    toFastProperties(this);
    internals.gastProductionsCache = prebuilt.rules;
    internals.resyncFollows = prebuilt.follows;
    for (const { rule, key, decide } of prebuilt.lookahead) {
      const ruleIndex = internals.fullRuleNameToShort[rule];
      if (ruleIndex === undefined) throw new Error(`prebuilt lookahead: no rule ${rule}`);
      internals.lookAheadFuncsCache.set(ruleIndex | key, decide);
    }
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
    const name = this.OPTION(() => this.CONSUME(NameLike, { LABEL: "name" }));
    this.MANY(() => this.SUBRULE(this.attribute));
    this.OPTION2(() => this.SUBRULE(this.body, { ARGS: [owner(keyword, name)] }));
  });

  public readonly vm = this.RULE("vm", () => {
    const keyword = this.CONSUME(Vm);
    const name = this.OPTION(() => this.CONSUME(NameLike, { LABEL: "name" }));
    this.MANY(() => this.SUBRULE(this.attribute));
    this.OPTION2(() => this.SUBRULE(this.body, { ARGS: [owner(keyword, name)] }));
  });

  /** `nat SUBNET gw GATEWAY attrs`; a missing `gw` between two values is still recognised. */
  public readonly nat = this.RULE("nat", () => {
    this.CONSUME(Nat);
    this.OPTION(() => this.CONSUME(Value, { LABEL: "subnet" }));
    this.OPTION2(() => this.CONSUME(Gw));
    this.OPTION3(() => this.CONSUME2(Value, { LABEL: "gateway" }));
    this.MANY(() => this.SUBRULE(this.attribute));
  });

  public readonly vswitch = this.RULE("vswitch", () => {
    this.CONSUME(VSwitch);
    this.OPTION(() => this.CONSUME(NameLike, { LABEL: "name" }));
    this.OPTION2(() => this.CONSUME(SwitchType, { LABEL: "switchType" }));
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
      ERR_MSG: `HVN104 expected \`>\` to close the body of ${owner ?? "this node"} opened at ${open.startLine}:${open.startColumn}`,
    });
  });

  /** A run of tokens that cannot start a statement. */
  public readonly stray = this.RULE("stray", () => {
    this.AT_LEAST_ONE(() => this.CONSUME(Stray));
  });
}

/** The analysis performSelfAnalysis would compute, prebuilt. */
interface PrebuiltGrammar {
  rules: Record<string, Rule>;
  lookahead: PrebuiltDecision[];
  follows: Record<string, TokenType[]>;
}

/** The fields of chevrotain's parser that performSelfAnalysis reads and sets. */
interface ChevrotainParserInternals {
  definitionErrors: { message: string }[];
  selfAnalysisDone: boolean;
  gastProductionsCache: Record<string, Rule>;
  resyncFollows: Record<string, TokenType[]>;
  fullRuleNameToShort: Record<string, number>;
  lookAheadFuncsCache: Map<number, Decision>;
}

/**
 * Chevrotain's toFastProperties (@chevrotain/utils): using an object as a prototype makes V8
 * give it fast properties, which chevrotain counts on for parsing speed.
 */
function toFastProperties(object: object): void {
  function FakeConstructor() {}
  FakeConstructor.prototype = object;
  const fake = new (FakeConstructor as unknown as new () => { bar?: unknown })();
  const access = () => typeof fake.bar;
  access();
  access();
}

let shipped: HvnestParser | undefined;

/**
 * The parser, built on first use from the prebuilt grammar: a run that parses nothing
 * (`--version`, `explain`) never builds it.
 */
export function hvnestParser(): HvnestParser {
  return (shipped ??= new HvnestParser({
    rules: prebuiltRules(grammarData.rules, allTokens),
    lookahead: prebuiltDecisions(grammarData.lookahead, allTokens),
    follows: prebuiltFollows(grammarData.follows, allTokens),
  }));
}

/** A parser that records its grammar and computes its lookahead, as chevrotain does. */
export function recordingParser(): HvnestParser {
  return new HvnestParser();
}

export { HvnestParser };
