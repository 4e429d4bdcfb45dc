// JSON.stringify(value, null, 2) in pieces, its long arrays an item at a time (perf, issue
// 6): topology.json and manifest.json of 50,000 VMs were one string of 77 MB and 17 MB,
// with the copies made to check and encode them, at the build's peak memory.

type Stringify = (value: unknown) => string;

const plain: Stringify = (value) => JSON.stringify(value, null, 2);

/** One item of a streamed array, to be stringified where the text is made. */
export interface JsonItem {
  json: string;
  item: unknown;
  first: boolean;
}

/**
 * The text of `stringify(value)`, where `stringify` indents by two spaces as JSON.stringify
 * does, with each field of `value` named in `streamed` (an array of it, or any iterable)
 * stringified an item at a time. The items come as JsonItem, for `jsonItemText` to make
 * here or on a helper thread (src/io/helper-thread.ts).
 */
export function* jsonOutline(
  value: Record<string, unknown>,
  streamed: Record<string, Iterable<unknown>>,
  stringify: Stringify = plain,
): Generator<string | JsonItem> {
  const emptied: Record<string, unknown> = { ...value };
  for (const key of Object.keys(streamed)) {
    if (!Object.hasOwn(value, key)) throw new Error(`json: no top-level array field ${key}`);
    emptied[key] = [];
  }
  const outline = stringify(emptied);
  let from = 0;
  for (const [key, items] of Object.entries(streamed)) {
    const slot = `\n  ${JSON.stringify(key)}: [`;
    const at = outline.indexOf(`${slot}]`, from);
    if (at < 0) throw new Error(`json: no top-level array field ${key}`);
    yield outline.slice(from, at + slot.length);
    from = at + slot.length;
    let first = true;
    for (const item of items) {
      yield { json: key, item, first };
      first = false;
    }
    if (!first) yield "\n  ";
  }
  yield outline.slice(from);
}

/**
 * An item's text: stringified inside a `{ "key": [item] }` wrapper, which puts it at its
 * depth in the whole text; the wrapper is cut off.
 */
export function jsonItemText({ json: key, item, first }: JsonItem, stringify: Stringify = plain) {
  const open = `{\n  ${JSON.stringify(key)}: [\n    `;
  const close = "\n  ]\n}";
  const wrapped = stringify({ [key]: [item] });
  if (!wrapped.startsWith(open) || !wrapped.endsWith(close)) {
    throw new Error(`json: unexpected layout of an item of ${key}`);
  }
  return (first ? "\n    " : ",\n    ") + wrapped.slice(open.length, wrapped.length - close.length);
}

/** `jsonOutline` with every item made here. */
export function* jsonPieces(
  value: Record<string, unknown>,
  streamed: Record<string, Iterable<unknown>>,
  stringify: Stringify = plain,
): Generator<string> {
  for (const piece of jsonOutline(value, streamed, stringify)) {
    yield typeof piece === "string" ? piece : jsonItemText(piece, stringify);
  }
}
