/**
 * What a 200 must look like to be read as the API server's answer. A proxy's sign-in page, an
 * empty object or a wrong path also answer 200; read as data they would become "nothing found"
 * (a wrong verdict) or a TypeError (a crash). Every reader of Lists and objects goes through here.
 */
export type Shaped<T> = { ok: true; value: T } | { ok: false; why: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A List: its items, each an API object with metadata. */
export function asList<T>(value: unknown): Shaped<T[]> {
  const items = isObject(value) ? value.items : undefined;
  if (!Array.isArray(items)) return { ok: false, why: 'not a list (no items array)' };
  if (!items.every((item) => isObject(item) && isObject(item.metadata)))
    return { ok: false, why: 'a list item is not an API object (no metadata)' };
  return { ok: true, value: items as T[] };
}

/** A named object, with metadata. */
export function asObject<T>(value: unknown): Shaped<T> {
  if (!isObject(value) || !isObject(value.metadata)) return { ok: false, why: 'not an API object (no metadata)' };
  return { ok: true, value: value as T };
}
