// What every generated file is byte for byte (docs/script-conventions.md), checked as it is
// made: a failure is a bug in hvnest, reported as an internal error.

// Chunks shared by many files (a script's runtime library), checked once per build.
const checkedChunks = new WeakSet<Uint8Array>();

/**
 * The byte policy of docs/script-conventions.md over a file's UTF-8 chunks: no carriage
 * return, no line that ends in a space or tab, exactly one newline at the end. A failure is
 * a template bug. Searching for ASCII bytes finds ASCII characters only. Each chunk is checked for itself (a shared one once), then each seam, where one
 * chunk could end in a space and the next start with a newline.
 */
export function checkChunks(path: string, chunks: readonly Uint8Array[]): void {
  let offset = 0;
  let previous = -1;
  let beforePrevious = -1;
  for (const chunk of chunks) {
    if (chunk.length === 0) continue;
    const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    if (!checkedChunks.has(chunk)) {
      if (buffer.includes(0x0d)) throw new Error(`${path}: carriage return in generated text`);
      const at = trailingWhitespaceIn(buffer);
      if (at >= 0) trailingWhitespace(path, chunks, offset + at);
    }
    if ((previous === 0x20 || previous === 0x09) && buffer[0] === 0x0a) {
      trailingWhitespace(path, chunks, offset - 1);
    }
    beforePrevious = chunk.length > 1 ? (buffer[chunk.length - 2] as number) : previous;
    previous = buffer[chunk.length - 1] as number;
    offset += chunk.length;
  }
  if (previous === 0x20 || previous === 0x09) trailingWhitespace(path, chunks, offset - 1);
  if (previous !== 0x0a || beforePrevious === 0x0a) {
    throw new Error(`${path}: generated text must end with exactly one newline`);
  }
  // Only a shared chunk is ever seen again; marking all is cheaper than telling them apart.
  for (const chunk of chunks) checkedChunks.add(chunk);
}

/**
 * Where the first line that ends in a space or tab ends, or -1. Searching for a newline byte
 * is a memchr, and lines are short: checking the byte before each newline takes about half
 * the time of two substring searches for " \n" and "\t\n" (perf, issue 6).
 */
function trailingWhitespaceIn(buffer: Buffer): number {
  for (let i = buffer.indexOf(0x0a); i >= 0; i = buffer.indexOf(0x0a, i + 1)) {
    const before = buffer[i - 1];
    if (before === 0x20 || before === 0x09) return i - 1;
  }
  return -1;
}

function trailingWhitespace(path: string, chunks: readonly Uint8Array[], at: number): never {
  const line = Buffer.concat(chunks).subarray(0, at).toString("utf8").split("\n").length;
  throw new Error(`${path}:${line}: trailing whitespace in generated text`);
}
