// Writes a bundle all at once: into a temporary sibling folder, then renamed into place,
// so that a crash or a full disk never leaves a half-written bundle in DIR. Imported only
// by src/cli.ts, the one module that touches the file system.
import {
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  unlinkSync,
  writeSync,
  writevSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

export interface BundleFile {
  path: string;
  /**
   * Written one after another; a chunk may be shared by many files. An array is written
   * with one system call; any other iterable chunk by chunk as it is made (a large file).
   * Null: already written into the folder by a helper thread (src/io/helper-pool.ts).
   */
  chunks: Iterable<Uint8Array> | null;
}

/** A refusal or I/O failure, phrased for people. */
export class BundleWriteError extends Error {
  override name = "BundleWriteError";
}

const MANIFEST = "manifest.json";

/** True when DIR holds a manifest.json that hvnest wrote. */
function isHvnestBundle(dir: string): boolean {
  const manifest = join(dir, MANIFEST);
  if (!existsSync(manifest)) return false;
  try {
    const parsed = JSON.parse(readFileSync(manifest, "utf8")) as { generator?: unknown };
    return parsed.generator === "hvnest";
  } catch {
    return false;
  }
}

export function checkName(path: string): void {
  // The bundle is flat: a name with a separator or a dot-dot could leave DIR.
  if (path === "" || path === "." || path === ".." || /[\\/:\0]/.test(path)) {
    throw new BundleWriteError(`refusing to write a file named ${JSON.stringify(path)}`);
  }
}

// No fsync per file (perf, issue 6: it cost 17 s of a 20 s build of 10,000 VMs). The
// rename below still keeps a crashed or failed build from leaving a half-written bundle;
// like compilers in general, this does not promise the files survive a power cut.
export function writeNew(file: string, chunks: Iterable<Uint8Array>): void {
  const fd = openSync(file, "wx");
  try {
    if (Array.isArray(chunks)) writeAll(fd, chunks as readonly Uint8Array[]);
    else for (const chunk of chunks) writeAll(fd, [chunk]);
  } finally {
    closeSync(fd);
  }
}

/** One system call for the chunks; a short write (rare) finishes chunk by chunk. */
function writeAll(fd: number, chunks: readonly Uint8Array[]): void {
  let size = 0;
  for (const chunk of chunks) size += chunk.length;
  let written = chunks.length > 0 ? writevSync(fd, chunks as Uint8Array[]) : 0;
  if (written === size) return;
  for (const chunk of chunks) {
    if (written >= chunk.length) {
      written -= chunk.length;
      continue;
    }
    while (written < chunk.length) written += writeSync(fd, chunk, written);
    written = 0;
  }
}

/**
 * Removes a folder if it exists. A bundle is flat, so its files are unlinked one by one;
 * anything else in it (a folder replaced with --force may hold folders) falls back to
 * rmSync, whose recursive walk costs ~1.5 ms even for seven files (perf, issue 6).
 */
function removeFolder(path: string): void {
  try {
    for (const name of readdirSync(path)) unlinkSync(join(path, name));
    rmdirSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    rmSync(path, { recursive: true, force: true });
  }
}

/**
 * Removes the temporary folders of earlier builds into the same DIR whose process is gone:
 * a build killed while writing leaves its `.NAME.hvnest-tmp-PID`, one killed between its
 * two renames its `.NAME.hvnest-old-PID` (the bundle it was replacing). A build still
 * running keeps its own, and so does a process this one may not signal.
 */
function removeLeftovers(parent: string, name: string): void {
  const pattern = /^\.(.*)\.hvnest-(?:tmp|old)-(\d+)$/;
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return;
  }
  for (const entry of entries) {
    const match = pattern.exec(entry);
    if (match === null || match[1] !== name || isRunning(Number(match[2]))) continue;
    removeFolder(join(parent, entry));
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/**
 * Puts `files` into `outDir`, replacing a bundle an earlier build wrote there. An existing
 * folder that is not an hvnest bundle is refused unless `force`; with `force` it is
 * replaced whole. Missing parent folders are created. `files` may be a function of the
 * folder the files go into first, for helpers that write some of them there themselves.
 */
export function writeBundle(
  outDir: string,
  files: Iterable<BundleFile> | ((folder: string) => Iterable<BundleFile>),
  options: { force: boolean },
): void {
  const target = resolve(outDir);
  const parent = dirname(target);
  const name = basename(target);
  // Like `mkdir -p`: `--out out/lab` works in a fresh checkout. Only folders are created
  // here; nothing else is written outside DIR but the temporary sibling renamed into it.
  try {
    mkdirSync(parent, { recursive: true });
  } catch {
    throw new BundleWriteError(`cannot write ${outDir}: cannot create its parent folder ${parent}`);
  }
  let replacing = false;
  if (existsSync(target)) {
    const stat = lstatSync(target);
    if (!stat.isDirectory() || stat.isSymbolicLink()) {
      throw new BundleWriteError(`cannot write ${outDir}: it exists and is not a folder`);
    }
    if (!isHvnestBundle(target) && !options.force) {
      throw new BundleWriteError(
        `refusing to write into ${outDir}: it exists and holds no hvnest manifest.json; ` +
          "choose another folder, or pass --force to replace it and everything in it",
      );
    }
    replacing = true;
  }

  const temp = join(parent, `.${name}.hvnest-tmp-${process.pid}`);
  const old = join(parent, `.${name}.hvnest-old-${process.pid}`);
  removeLeftovers(parent, name);
  removeFolder(temp);
  try {
    mkdirSync(temp);
    // Checked and written one at a time: `files` may be a generator that renders each file
    // only when asked (perf, issue 6); a bad name still leaves DIR untouched.
    for (const file of typeof files === "function" ? files(temp) : files) {
      checkName(file.path);
      if (file.chunks !== null) writeNew(join(temp, file.path), file.chunks);
    }
    if (replacing) {
      removeFolder(old);
      renameSync(target, old);
      try {
        renameSync(temp, target);
      } catch (error) {
        renameSync(old, target);
        throw error;
      }
      removeFolder(old);
    } else {
      renameSync(temp, target);
    }
  } catch (error) {
    removeFolder(temp);
    if (error instanceof BundleWriteError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new BundleWriteError(`cannot write ${outDir}: ${reason}; nothing was changed`);
  }
}
