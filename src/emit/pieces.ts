// The large files' text (topology.json, README.md) as pieces, made one at a time as they
// are read (perf, issue 6): no large file is ever held whole.
import { ByteChecker } from "./byte-policy.js";
import { encode } from "./encode.js";

/** Text, or bytes written as they are (a constant partial). */
export type Piece = string | Uint8Array;

// One regular expression search: V8 skips ahead by the pattern's length, where each
// `includes` of these texts took longer than the search for both (perf, issue 6: 15 MB of
// topology.json for 10,000 VMs, 12-27 ms -> ~4 ms).
const POSITIONS = /"(?:span|attributeSpans)":/;

/**
 * topology.json leaves out source positions: they describe the text, not the machines.
 * `hvnest build` has dropped them already (src/ir/drop-source-positions.ts), and a replacer
 * function makes JSON.stringify several times slower (perf, issue 6), so it is used only
 * when positions show up; a false alarm (a value with that text) gives the same bytes.
 */
export function stringifyModel(value: unknown): string {
  const plain = JSON.stringify(value, null, 2);
  if (!POSITIONS.test(plain)) return plain;
  return JSON.stringify(
    value,
    (key, field: unknown) => (key === "span" || key === "attributeSpans" ? undefined : field),
    2,
  );
}

/**
 * A file's checked chunks, each made when it is read: text gathered into chunks of at least
 * 64K characters (few enough for one writev; no whole file is ever one string), bytes as
 * they are. Neither the text nor the bytes of a large file are ever held whole.
 */
export function* fileChunks(path: string, pieces: Iterable<Piece>): Generator<Uint8Array> {
  const checker = new ByteChecker(path);
  let batch: string[] = [];
  let size = 0;
  const flush = (): Uint8Array => {
    const chunk = encode(batch.join(""), false);
    batch = [];
    size = 0;
    checker.push(chunk);
    return chunk;
  };
  for (const piece of pieces) {
    if (typeof piece === "string") {
      batch.push(piece);
      size += piece.length;
      if (size >= 65536) yield flush();
    } else {
      if (size > 0) yield flush();
      checker.push(piece);
      yield piece;
    }
  }
  if (size > 0) yield flush();
  checker.end();
}
