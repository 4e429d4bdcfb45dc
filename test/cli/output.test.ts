import { spawn, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

// src/cli.ts writes to pipes and files with fs.writeSync rather than process.stdout (start-up,
// issue 6). These run it as a process, through tsx, with its output in each kind of place.

const root = fileURLToPath(new URL("../../", import.meta.url));
const cli = ["--import", "tsx", join(root, "src/cli.ts")];
let dir: string;
let broken: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hvnest-output-"));
  broken = join(dir, "broken.hvnest");
  // Two thousand bad names: about 400 kB of diagnostics, several times a pipe's buffer.
  writeFileSync(broken, `host H <\n${"  vm Lab@1 memory 2GB\n".repeat(2000)}>\n`);
});

describe("the CLI's output", () => {
  it("is the same in a file as through a pipe", () => {
    const piped = spawnSync(process.execPath, [...cli, "check", broken], { encoding: "utf8" });
    expect(piped.status).toBe(1);
    expect(piped.stdout.length).toBeGreaterThan(200_000);
    const file = join(dir, "out.txt");
    const fd = openSync(file, "w");
    try {
      const toFile = spawnSync(process.execPath, [...cli, "check", broken], {
        stdio: ["ignore", fd, "pipe"],
        encoding: "utf8",
      });
      expect(toFile.status).toBe(1);
      expect(toFile.stderr).toBe("");
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(file, "utf8")).toBe(piped.stdout);
  });

  it("stops quietly when the reader closes the pipe, and still exits by the diagnostics", async () => {
    const child = spawn(process.execPath, [...cli, "check", broken], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const status = await new Promise<number | null>((done) => child.on("close", done));
    expect({ status, stderr }).toEqual({ status: 1, stderr: "" });
  });
});
