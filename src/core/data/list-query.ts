import type * as v from 'valibot'
import type { Model } from './model'
import type { pageQuery } from './page'

type Opt<S extends v.GenericSchema> = v.OptionalSchema<S, undefined>
type FieldSchema<M extends Model, K> = K extends keyof M['fields'] ? M['fields'][K] & v.GenericSchema : never

/** Each (field, operator) a declaration's filter offers, as its parameter name and schema. */
type FilterPairs<M extends Model, F> = {
  [K in keyof F & string]: F[K] extends readonly (infer O)[]
    ? O extends 'eq'
      ? { readonly key: K; readonly schema: FieldSchema<M, K> }
      : O extends 'in'
        ? { readonly key: `${K}[in]`; readonly schema: v.ArraySchema<FieldSchema<M, K>, undefined> }
        : O extends string
          ? { readonly key: `${K}[${O}]`; readonly schema: FieldSchema<M, K> }
          : never
    : never
}[keyof F & string]

type FilterEntries<M extends Model, F> = {
  [P in FilterPairs<M, F> as P['key']]: Opt<P['schema']>
}

type SortValue<D> = D extends { readonly sort: { readonly fields: readonly (infer S extends string)[] } }
  ? S | `-${S}`
  : string
type SearchEntries<D> = D extends { readonly search: readonly [string, ...string[]] }
  ? { search: Opt<v.GenericSchema<string>> }
  : Record<never, never>
type PageEntries = ReturnType<typeof pageQuery>
type PagingEntries<D> = D extends { readonly page: 'cursor' }
  ? Pick<PageEntries, 'per_page'> & { cursor: Opt<v.GenericSchema<string>> }
  : PageEntries

/**
 * The query entries a list declaration makes: its filters (`field`, `field[in]`, `field[gte]`, ...), `search` when
 * it declares one, `sort` among its fields, and the page parameters; a name it does not declare is a type error.
 */
export type ListQueryEntries<M extends Model, D> = FilterEntries<
  M,
  D extends { readonly filter: infer F } ? F : Record<never, never>
> &
  SearchEntries<D> & {
    sort: v.OptionalSchema<v.PicklistSchema<readonly SortValue<D>[], undefined>, SortValue<D>>
  } & PagingEntries<D>
