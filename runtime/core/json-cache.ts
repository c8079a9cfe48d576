/**
 * Results answered many times unchanged (the health snapshot, asked by every
 * status poll): marked once, their JSON text is made on the first answer and
 * reused for every later one instead of serializing the object again. A marked
 * object must never change afterwards; its owner makes a new one instead.
 */
const marked = new WeakSet<object>();
const texts = new WeakMap<object, string>();

/** Mark `value` as never changing again, so answers may reuse its JSON text. */
export function unchanging<T extends object>(value: T): T {
  marked.add(value);
  return value;
}

/** The JSON text of a marked value (made once), or undefined for any other value. */
export function reusedJson(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || !marked.has(value)) return undefined;
  let text = texts.get(value);
  if (text === undefined) texts.set(value, (text = JSON.stringify(value)));
  return text;
}
