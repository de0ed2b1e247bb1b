/**
 * The value `map` keeps for `key`, computed with `compute` and kept on first use (nothing is kept when
 * `compute` throws). The gateway's per-document work (plans, field sets, query strings) is kept this way,
 * keyed by objects that live as long as their document.
 */
export function memoized<K extends object, V>(map: WeakMap<K, V>, key: K, compute: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = compute();
    map.set(key, value);
  }
  return value;
}
