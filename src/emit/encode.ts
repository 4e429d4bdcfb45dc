// Generated text into UTF-8 chunks, the form in which files are hashed and written.
import { scannedBytes, type ScannedBytes } from "./byte-policy.js";

const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

/**
 * Encoded straight into its final buffer, a byte-order mark first when asked: one
 * allocation. The text is scanned for the byte policy on the way (see ScannedBytes).
 */
export function encode(text: string, bom: boolean): ScannedBytes {
  const start = bom ? BOM.length : 0;
  const bytes = Buffer.allocUnsafe(start + Buffer.byteLength(text));
  if (bom) bytes.set(BOM, 0);
  bytes.write(text, start);
  return scannedBytes(bytes, text);
}
