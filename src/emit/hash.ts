// The SHA-256 of a file's chunks, as manifest.json lists it: made on the main thread or on a
// helper thread (src/io/helper-thread.ts) with the same code.
import { createHash } from "node:crypto";

/** The hex SHA-256 of chunks held whole (a script: hashed, then written with one writev). */
export function digest(chunks: Iterable<Uint8Array>): string {
  const hash = createHash("sha256");
  for (const chunk of chunks) hash.update(chunk);
  return hash.digest("hex");
}

/**
 * A file whose chunks are hashed as they are read (a large file, never held whole); `done`
 * gets the digest once all are.
 */
export function* hashing(
  chunks: Iterable<Uint8Array>,
  done: (sha256: string) => void,
): Generator<Uint8Array> {
  const hash = createHash("sha256");
  for (const chunk of chunks) {
    hash.update(chunk);
    yield chunk;
  }
  done(hash.digest("hex"));
}
