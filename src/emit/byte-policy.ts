// What every generated file is byte for byte (docs/script-conventions.md), checked as it is
// made: a failure is a bug in hvnest, reported as an internal error.

const LF = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;
const BLANK = "trailing whitespace";
const CARRIAGE_RETURN = "carriage return";

/** What the policy found in a chunk: its newlines, and its first line that breaks it. */
interface Scan {
  newlines: number;
  /** The line, counted from the chunk's first, that breaks the policy; 0 when none does. */
  faultLine: number;
  fault: string;
}

/**
 * UTF-8 bytes scanned as text while they were encoded (src/emit/encode.ts): the checker
 * reads the scan instead of the bytes. The four characters the policy names are ASCII,
 * which UTF-8 writes as the same single bytes and never uses inside another character, so
 * the text has a newline, a carriage return or a blank exactly where its bytes do. A string
 * search for a newline runs inside V8 at memchr speed, where each search of a Buffer is a
 * call into C++ (perf, issue 6).
 */
export class ScannedBytes extends Uint8Array implements Scan {
  newlines = 0;
  faultLine = 0;
  fault = "";
  /**
   * Set by `scannedBytes` only: a typed array method (subarray, slice, ...) makes its result
   * an instance of this class too, with no scan of its own.
   */
  scanned = false;
}

/** `bytes` (never to be modified) as ScannedBytes, scanned as the `text` they encode. */
export function scannedBytes(bytes: Uint8Array<ArrayBuffer>, text: string): ScannedBytes {
  const scanned = new ScannedBytes(bytes.buffer, bytes.byteOffset, bytes.length);
  scan(text, scanned);
  scanned.scanned = true;
  return scanned;
}

/**
 * Counts the text's newlines, stopping at the first carriage return or line that ends in a
 * space or tab. A newline at the very start is the seam with the chunk before: the checker
 * looks at that one.
 */
function scan(text: string, into: Scan): void {
  const cr = text.indexOf("\r");
  let newlines = 0;
  let at = text.indexOf("\n");
  if (at === 0) {
    newlines++;
    at = text.indexOf("\n", 1);
  }
  for (; at >= 0 && (cr < 0 || at < cr); at = text.indexOf("\n", at + 1)) {
    const before = text.charCodeAt(at - 1);
    if (before === SPACE || before === TAB) {
      into.newlines = newlines;
      into.faultLine = newlines + 1;
      into.fault = BLANK;
      return;
    }
    newlines++;
  }
  into.newlines = newlines;
  if (cr >= 0) {
    into.faultLine = newlines + 1;
    into.fault = CARRIAGE_RETURN;
  }
}

// Other chunks seen before (a script's runtime library, shared by many files), scanned once
// per build. Encoded text never lands here: it carries its scan.
const scannedChunks = new WeakMap<Uint8Array, Scan>();

function scanOf(chunk: Uint8Array): Scan {
  let found = chunk instanceof ScannedBytes && chunk.scanned ? chunk : scannedChunks.get(chunk);
  if (found === undefined) {
    found = { newlines: 0, faultLine: 0, fault: "" };
    // One character per byte, made in one call: searched as text like encoded text.
    scan(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length).toString("latin1"), found);
    scannedChunks.set(chunk, found);
  }
  return found;
}

/**
 * The byte policy over a file's UTF-8 chunks as they are made: no carriage return, no line
 * that ends in a space or tab, exactly one newline at the end. Each chunk is scanned for
 * itself (as it was encoded, or once if shared), then each seam, where one chunk could end
 * in a space and the next start with a newline.
 */
export class ByteChecker {
  private newlines = 0;
  private last = -1;
  private beforeLast = -1;

  constructor(private readonly path: string) {}

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    const found = scanOf(chunk);
    if (chunk[0] === LF && (this.last === SPACE || this.last === TAB)) {
      this.fail(this.newlines + 1, BLANK);
    }
    if (found.faultLine > 0) this.fail(this.newlines + found.faultLine, found.fault);
    this.newlines += found.newlines;
    this.beforeLast = chunk.length > 1 ? (chunk[chunk.length - 2] as number) : this.last;
    this.last = chunk[chunk.length - 1] as number;
  }

  end(): void {
    if (this.last === SPACE || this.last === TAB) this.fail(this.newlines + 1, BLANK);
    if (this.last !== LF || this.beforeLast === LF) {
      throw new Error(`${this.path}: generated text must end with exactly one newline`);
    }
  }

  private fail(line: number, fault: string): never {
    throw new Error(`${this.path}:${line}: ${fault} in generated text`);
  }
}

/** The byte policy over a whole file's chunks. */
export function checkChunks(path: string, chunks: Iterable<Uint8Array>): void {
  const checker = new ByteChecker(path);
  for (const chunk of chunks) checker.push(chunk);
  checker.end();
}
