import * as v from 'valibot'
import type { Model } from './model'

type Query = Record<string, unknown>

/**
 * Refuses, with a 400 naming the parameter, what a list would otherwise ignore and answer with every row: a
 * bracketed key it does not declare (`authorId[ne]`, `authorId[like]`, `authorId[in][]`) and a model field, by its
 * name or column, it does not filter on (`?email=` on a list that offers no email filter). Other unknown
 * parameters (a cache buster, a tracking tag) stay ignored: they cannot narrow what a caller believes it asked for.
 * @example v.pipe(v.looseObject(entries), knownFilters(User, Object.keys(entries)))
 */
export function knownFilters(model: Model, declared: readonly string[]) {
  const names = new Set(declared)
  const fields = new Set<string>([...Object.keys(model.fields), ...Object.values(model.columns)])
  const offered = declared.filter((n) => n !== 'sort' && n !== 'page' && n !== 'per_page' && n !== 'cursor')
  const message = (key: string) =>
    key.includes('[') || fields.has(key)
      ? `is not a filter of this list${offered.length ? ` (it offers ${offered.join(', ')})` : ' (it offers none)'}`
      : 'is not a parameter of this list'
  return v.rawCheck<Query>(({ dataset, addIssue }) => {
    if (!dataset.typed) return
    const input = dataset.value
    for (const key of Object.keys(input)) {
      if (names.has(key) || !(key.includes('[') || key.includes(']') || fields.has(key))) continue
      addIssue({
        message: message(key),
        path: [{ type: 'object', origin: 'value', input, key, value: input[key] }],
      })
    }
  })
}
