// What every generated file is byte for byte (docs/script-conventions.md), checked as it is
// made: a failure is a bug in hvnest, reported as an internal error.

// Chunks seen before (a script's runtime library, shared by many files), checked once per
// build: the number of newlines each holds, for the line numbers of later messages.
const checkedChunks = new WeakMap<Uint8Array, number>();

/**
 * The byte policy over a file's UTF-8 chunks as they are made: no carriage return, no line
 * that ends in a space or tab, exactly one newline at the end. Searching for ASCII bytes
 * finds ASCII characters only. Each chunk is checked for itself (a shared one once), then
 * each seam, where one chunk could end in a space and the next start with a newline.
 */
export class ByteChecker {
  private newlines = 0;
  private previous = -1;
  private beforePrevious = -1;

  constructor(private readonly path: string) {}

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    if ((this.previous === 0x20 || this.previous === 0x09) && buffer[0] === 0x0a) {
      this.fail(this.newlines + 1);
    }
    let newlines = checkedChunks.get(chunk);
    if (newlines === undefined) {
      if (buffer.includes(0x0d)) throw new Error(`${this.path}: carriage return in generated text`);
      newlines = this.scan(buffer);
      // Only a shared chunk is ever seen again; marking all is cheaper than telling them apart.
      checkedChunks.set(chunk, newlines);
    }
    this.newlines += newlines;
    this.beforePrevious = chunk.length > 1 ? (buffer[chunk.length - 2] as number) : this.previous;
    this.previous = buffer[chunk.length - 1] as number;
  }

  end(): void {
    if (this.previous === 0x20 || this.previous === 0x09) this.fail(this.newlines + 1);
    if (this.previous !== 0x0a || this.beforePrevious === 0x0a) {
      throw new Error(`${this.path}: generated text must end with exactly one newline`);
    }
  }

  /**
   * Counts the chunk's newlines and fails at the first line that ends in a space or tab. A
   * newline search is a memchr and lines are short: checking the byte before each newline
   * takes about half the time of two substring searches for " \n" and "\t\n" (perf, issue 6).
   */
  private scan(buffer: Buffer): number {
    let count = 0;
    for (let i = buffer.indexOf(0x0a); i >= 0; i = buffer.indexOf(0x0a, i + 1)) {
      const before = i > 0 ? buffer[i - 1] : this.previous;
      if (before === 0x20 || before === 0x09) this.fail(this.newlines + count + 1);
      count++;
    }
    return count;
  }

  private fail(line: number): never {
    throw new Error(`${this.path}:${line}: trailing whitespace in generated text`);
  }
}

/** The byte policy over a whole file's chunks. */
export function checkChunks(path: string, chunks: Iterable<Uint8Array>): void {
  const checker = new ByteChecker(path);
  for (const chunk of chunks) checker.push(chunk);
  checker.end();
}
