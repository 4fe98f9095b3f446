/** Valibot schema types that wrap another (`.wrapped`) and make it optional: what the document treats as not required. */
export const OPTIONAL_WRAPPERS: ReadonlySet<string> = new Set([
  'optional',
  'nullish',
  'exact_optional',
  'undefinedable',
])

/** Every valibot schema type that only wraps another: what the coercer looks through to find the declared type. */
export const WRAPPERS: ReadonlySet<string> = new Set([
  ...OPTIONAL_WRAPPERS,
  'nullable',
  'non_optional',
  'non_nullable',
  'non_nullish',
])
