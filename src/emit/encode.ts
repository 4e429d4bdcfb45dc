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
