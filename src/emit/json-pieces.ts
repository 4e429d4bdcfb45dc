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

const ITEM_FIELD = "\n      ";
const quotedKeys = new Map<string, string>();

/**
 * `jsonItemText` of an item that is a flat record, its fields strings, numbers, booleans or
 * null, made field by field: JSON.stringify of each field, which is what the whole would
 * print there. One stringify with an indent per item was most of manifest.json's time
 * (perf, issue 6). Any other item goes to `jsonItemText`.
 */
export function flatItemText(piece: JsonItem): string {
  const item = piece.item;
  if (typeof item !== "object" || item === null || Array.isArray(item)) return jsonItemText(piece);
  let text = piece.first ? "\n    {" : ",\n    {";
  let fields = 0;
  for (const key of Object.keys(item)) {
    const field: unknown = (item as Record<string, unknown>)[key];
    if (field !== null && typeof field !== "string" && typeof field !== "number") {
      if (typeof field !== "boolean") return jsonItemText(piece);
    }
    let quoted = quotedKeys.get(key);
    if (quoted === undefined) {
      quoted = `${JSON.stringify(key)}: `;
      quotedKeys.set(key, quoted);
    }
    text += (fields++ === 0 ? ITEM_FIELD : `,${ITEM_FIELD}`) + quoted + JSON.stringify(field);
  }
  return fields === 0 ? `${text}}` : `${text}\n    }`;
}

/** `jsonOutline` with every item made here, flat records field by field. */
export function* jsonPieces(
  value: Record<string, unknown>,
  streamed: Record<string, Iterable<unknown>>,
  stringify: Stringify = plain,
): Generator<string> {
  for (const piece of jsonOutline(value, streamed, stringify)) {
    if (typeof piece === "string") yield piece;
    else yield stringify === plain ? flatItemText(piece) : jsonItemText(piece, stringify);
  }
}
