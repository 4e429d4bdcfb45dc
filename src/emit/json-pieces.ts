// JSON.stringify(value, null, 2) in pieces, its long arrays an item at a time (perf, issue
// 6): topology.json and manifest.json of 50,000 VMs were one string of 77 MB and 17 MB,
// with the copies made to check and encode them, at the build's peak memory.

type Stringify = (value: unknown) => string;

const plain: Stringify = (value) => JSON.stringify(value, null, 2);

/**
 * The text of `stringify(value)`, where `stringify` indents by two spaces as JSON.stringify
 * does, with each field of `value` named in `streamed` (an array of it, or any iterable)
 * stringified an item at a time. Each item is stringified inside a `{ "key": [item] }`
 * wrapper, which puts it at its depth in the whole text; the wrapper is cut off.
 */
export function* jsonPieces(
  value: Record<string, unknown>,
  streamed: Record<string, Iterable<unknown>>,
  stringify: Stringify = plain,
): Generator<string> {
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
    const open = `{${slot}\n    `;
    const close = "\n  ]\n}";
    let count = 0;
    for (const item of items) {
      const wrapped = stringify({ [key]: [item] });
      if (!wrapped.startsWith(open) || !wrapped.endsWith(close)) {
        throw new Error(`json: unexpected layout of an item of ${key}`);
      }
      yield (
        (count++ === 0 ? "\n    " : ",\n    ") +
        wrapped.slice(open.length, wrapped.length - close.length)
      );
    }
    if (count > 0) yield "\n  ";
  }
  yield outline.slice(from);
}
