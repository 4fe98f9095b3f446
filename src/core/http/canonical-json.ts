/**
 * JSON with one spelling per value: object keys sorted, so `{"a":1,"b":2}` and `{ "b": 2, "a": 1 }` are one text;
 * files by name, type and size (their bytes are not read); dates as ISO text; undefined members left out. What the
 * response cache keys validated inputs by, and what an idempotency fingerprint hashes.
 * @example canonicalJson({ b: 2, a: [1, { d: 4, c: 3 }] }) // '{"a":[1,{"c":3,"d":4}],"b":2}'
 */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    v instanceof Blob
      ? { blob: [v instanceof File ? v.name : '', v.type, v.size] }
      : v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
        : v,
  ) ?? ''
