import { fstatSync, readFileSync, writeSync } from "node:fs";
import packageJson from "../package.json" with { type: "json" };
import { main } from "./cli/main.js";
import type { CliIo } from "./cli/io.js";
import { join } from "node:path";
import { startHelpers } from "./io/helper-pool.js";
import { writeBundle } from "./io/write-bundle.js";

// The only module that touches the file system and the process.

/**
 * Writes to a pipe, socket or file straight to its descriptor: `process.stdout` would first
 * load Node's stream modules (~3 ms of every cold start; perf, issue 6). A terminal, or
 * anything else, gets the usual stream; none of these is a terminal, so no colour is lost.
 */
function output(fd: 1 | 2, stream: () => NodeJS.WriteStream): (text: string) => void {
  if (!pipeOrFile[fd]) return (text) => void stream().write(text);
  let closed = false;
  return (text) => {
    const bytes = Buffer.from(text, "utf8");
    let written = 0;
    while (!closed && written < bytes.length) {
      try {
        written += writeSync(fd, bytes, written);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // The reader went away (`hvnest check x | head -1`): the rest has nowhere to go.
        if (code === "EPIPE") closed = true;
        // A non-blocking pipe that is full (another process set O_NONBLOCK on it): wait 1 ms.
        else if (code === "EAGAIN") Atomics.wait(pause, 0, 0, 1);
        else throw error;
      }
    }
  };
}

const pause = new Int32Array(new SharedArrayBuffer(4));

function isPipeOrFile(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    // Node gives a child process its pipes as sockets.
    return stat.isFIFO() || stat.isSocket() || stat.isFile();
  } catch {
    return false;
  }
}

// The helper threads' bundle sits beside this one in dist/; run from the sources (tsx), there
// is none and a build renders every script on this thread.
const workerFile = typeof __dirname === "string" ? join(__dirname, "hvnest-worker.cjs") : null;

const pipeOrFile = { 1: isPipeOrFile(1), 2: isPipeOrFile(2) };
const io: CliIo = {
  readFile: (path) => readFileSync(path),
  stdout: output(1, () => process.stdout),
  stderr: output(2, () => process.stderr),
  color: !pipeOrFile[1] && process.stdout.isTTY === true && process.env["NO_COLOR"] === undefined,
  writeBundle,
  startHelpers: (threads, sourceBytes) => startHelpers(threads, sourceBytes, workerFile),
};

process.exitCode = main(process.argv.slice(2), io, packageJson.version);
