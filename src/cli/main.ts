import { commands } from "./commands.js";
import { type CliIo, EXIT_ERRORS, EXIT_OK, EXIT_USAGE, UsageError } from "./io.js";

function help(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const list = Object.entries(commands)
    .map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`)
    .join("\n");
  return `Usage: hvnest COMMAND [options]

Compiles a nested Hyper-V topology into idempotent PowerShell scripts.

Commands:
${list}

Options:
  --help       show this help, or a command's: hvnest check --help
  --version    print the version

Exit status: 0 success, 1 errors in the input, 2 usage or I/O problem.
`;
}

/** The whole CLI behind an injectable io, so tests run it in-process. Never throws. */
export function main(argv: readonly string[], io: CliIo, version: string): number {
  try {
    const [name, ...args] = argv;
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
      io.stdout(help());
      return name === undefined ? EXIT_USAGE : EXIT_OK;
    }
    if (name === "--version" || name === "-v") {
      io.stdout(`hvnest ${version}\n`);
      return EXIT_OK;
    }
    const command = commands[name];
    if (command === undefined) throw new UsageError(`unknown command "${name}"; run hvnest --help`);
    if (args.includes("--help") || args.includes("-h")) {
      io.stdout(command.usage + "\n");
      return EXIT_OK;
    }
    return command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError || isArgsError(error)) {
      io.stderr(`hvnest: ${(error as Error).message}\n`);
      return EXIT_USAGE;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(
      `hvnest: internal error HVN901: ${message}\nthis is a bug in hvnest; please report it with the input file and this message\n`,
    );
    return EXIT_ERRORS;
  }
}

/** node:util parseArgs reports unknown or malformed options with these codes. */
function isArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}
