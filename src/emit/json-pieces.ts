// JSON.stringify(value, null, 2) in pieces, its long arrays an item at a time (perf, issue
// 6): topology.json and manifest.json of 50,000 VMs were one string of 77 MB and 17 MB,
// with the copies made to check and encode them, at the build's peak memory.

type Stringify = (value: unknown) => string;

const plain: Stringify = (value) => JSON.stringify(value, null, 2);

// What JSON.stringify escapes in a string: quotes, backslashes, control characters and lone
// surrogates (here any surrogate: a pair only takes the longer way).
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/**
 * JSON.stringify of a string. Most need no escape: quoted here, without a call into the
 * runtime's JSON writer, which took most of manifest.json's time (perf, issue 6).
 */
export function jsonString(value: string): string {
  return PLAIN.test(value) ? `"${value}"` : JSON.stringify(value);
}

/** JSON.stringify of a number: its shortest round-trip text, null when not finite. */
export function jsonNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : "null";
}

/**
 * The text of `stringify(value)`, where `stringify` indents by two spaces as JSON.stringify
 * does, cut at the top-level list fields named in `keys` (in the order they come), emptied:
 * the text up to each one's `[`, then the rest. Between them go its items, each as
 * `jsonItemText` makes it, then LIST_END if there was any.
 */
export function jsonSlots(
  value: Record<string, unknown>,
  keys: readonly string[],
  stringify: Stringify = plain,
): string[] {
  const emptied: Record<string, unknown> = { ...value };
  for (const key of keys) {
    if (!Object.hasOwn(value, key)) throw new Error(`json: no top-level array field ${key}`);
    emptied[key] = [];
  }
  const outline = stringify(emptied);
  const texts: string[] = [];
  let from = 0;
  for (const key of keys) {
    const slot = `\n  ${JSON.stringify(key)}: [`;
    const at = outline.indexOf(`${slot}]`, from);
    if (at < 0) throw new Error(`json: no top-level array field ${key}`);
    texts.push(outline.slice(from, at + slot.length));
    from = at + slot.length;
  }
  texts.push(outline.slice(from));
  return texts;
}

/** What closes a top-level list that has items. */
export const LIST_END = "\n  ";

/**
 * The text of `stringify(value)` (see `jsonSlots`) in pieces, with each field of `value`
 * named in `streamed` (an array of it, or any iterable) stringified an item at a time, as
 * each piece is read.
 */
export function* jsonOutline(
  value: Record<string, unknown>,
  streamed: Record<string, Iterable<unknown>>,
  stringify: Stringify = plain,
): Generator<string> {
  const keys = Object.keys(streamed);
  const texts = jsonSlots(value, keys, stringify);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    yield texts[i] as string;
    let first = true;
    for (const item of streamed[key] as Iterable<unknown>) {
      yield jsonItemText(key, item, first, stringify);
      first = false;
    }
    if (!first) yield LIST_END;
  }
  yield texts[keys.length] as string;
}

/**
 * An item's text: stringified inside a `{ "key": [item] }` wrapper, which puts it at its
 * depth in the whole text; the wrapper is cut off.
 */
function jsonItemText(key: string, item: unknown, first: boolean, stringify: Stringify): string {
  const open = `{\n  ${JSON.stringify(key)}: [\n    `;
  const close = "\n  ]\n}";
  const wrapped = stringify({ [key]: [item] });
  if (!wrapped.startsWith(open) || !wrapped.endsWith(close)) {
    throw new Error(`json: unexpected layout of an item of ${key}`);
  }
  return (first ? "\n    " : ",\n    ") + wrapped.slice(open.length, wrapped.length - close.length);
}
