import { build, buildUsage } from "./build.js";
import { check, checkUsage } from "./check.js";
import type { CliIo } from "./io.js";
import { explain, explainUsage } from "../explain.js";

export interface Command {
  /** One line for `hvnest --help`. */
  summary: string;
  usage: string;
  /** Runs with the arguments after the command name; returns the exit status. */
  run(args: string[], io: CliIo): number;
}

/** Every subcommand. A new command is a module exporting its function and usage, listed here. */
export const commands: Record<string, Command> = {
  check: { summary: "parse topology files and report problems", usage: checkUsage, run: check },
  build: { summary: "check a topology and write its script bundle", usage: buildUsage, run: build },
  explain: {
    summary: "explain a diagnostic code (e.g. HVN207)",
    usage: explainUsage,
    run: explain,
  },
};
