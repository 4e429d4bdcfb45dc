import type { Diagnostic } from "../diagnostics/diagnostic.js";

export type DecodeResult =
  { text: string; diagnostic: null } | { text: null; diagnostic: Diagnostic };

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

function fileLevel(code: string, message: string, hint: string): DecodeResult {
  return { text: null, diagnostic: { code, severity: "error", message, hint } };
}

/**
 * Bytes to text. A UTF-8 byte-order mark is dropped (Windows editors write one), so
 * columns count from the first real character; CRLF is left for the lexer, which counts
 * it as one line break.
 */
export function decode(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) {
    return fileLevel(
      "HVN121",
      "the file is empty",
      "write a topology into it, e.g. host HV01 < vm A >",
    );
  }
  if (bytes.includes(0)) {
    const utf16 =
      (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    return fileLevel(
      "HVN122",
      utf16
        ? "the file is UTF-16 text, not UTF-8"
        : "the file is binary (it contains NUL bytes), not a topology",
      "save the topology as UTF-8 text",
    );
  }
  try {
    return { text: utf8.decode(bytes), diagnostic: null };
  } catch {
    return fileLevel(
      "HVN123",
      "the file is not valid UTF-8 text",
      "save the file as UTF-8 (with or without a BOM)",
    );
  }
}
