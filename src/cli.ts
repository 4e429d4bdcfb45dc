import { readFileSync } from "node:fs";
import packageJson from "../package.json" with { type: "json" };
import { main } from "./cli/main.js";
import type { CliIo } from "./cli/io.js";
import { writeBundle } from "./io/write-bundle.js";

// The only module that touches the file system and the process.
const io: CliIo = {
  readFile: (path) => readFileSync(path),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  color: process.stdout.isTTY === true && process.env["NO_COLOR"] === undefined,
  writeBundle,
};

process.exitCode = main(process.argv.slice(2), io, packageJson.version);
