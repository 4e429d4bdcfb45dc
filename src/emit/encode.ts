// Generated text into UTF-8 chunks, the form in which files are hashed and written.

const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

/** Encoded straight into its final buffer, a byte-order mark first when asked: one allocation. */
export function encode(text: string, bom: boolean): Uint8Array {
  const start = bom ? BOM.length : 0;
  const bytes = Buffer.allocUnsafe(start + Buffer.byteLength(text));
  if (bom) bytes.set(BOM, 0);
  bytes.write(text, start);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/**
 * Text pieces encoded into chunks of at least 64K characters, each made when it is read:
 * few enough chunks for one writev, and neither the whole text nor all its bytes are ever
 * held at once (perf, issue 6: topology.json of 50,000 VMs is 77 MB).
 */
export function* encodePieces(pieces: Iterable<string>): Generator<Uint8Array> {
  let batch: string[] = [];
  let size = 0;
  for (const piece of pieces) {
    batch.push(piece);
    size += piece.length;
    if (size >= 65536) {
      yield encode(batch.join(""), false);
      batch = [];
      size = 0;
    }
  }
  if (batch.length > 0) yield encode(batch.join(""), false);
}
