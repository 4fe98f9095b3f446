import * as v from 'valibot'
import { ValidationError } from '../kernel/errors'
import { openCursor, signCursor } from './cursor'
import { knownFilters } from './known-filters'
import type { ListQueryEntries } from './list-query'
import type { Model, RowOf } from './model'
import { pageQuery, pageWindow } from './page'
import type { Repository } from './repository'
import type { Condition, SqlValue, Where } from './where-clause'

type FieldOf<M extends Model> = keyof M['fields'] & string

/** The filters a field offers: `field=` (eq), `field[in]=` repeated, `field[gte]=`, `field[lte]=`. */
export type FilterOp = 'eq' | 'in' | 'gte' | 'lte'

/** What a list endpoint offers its clients, declared once. */
export interface ListDeclaration<M extends Model, P extends 'cursor' | 'offset'> {
  readonly filter?: { readonly [K in FieldOf<M>]?: readonly FilterOp[] }
  /** Fields `search` looks in (case-insensitive substring, at most 100 characters). */
  readonly search?: readonly FieldOf<M>[]
  /**
   * Fields `sort` may name (`-field` for descending); the default; and a unique field ordering ties (the primary
   * key unless named). Cursor pages need NOT NULL sort fields.
   */
  readonly sort?: {
    readonly fields: readonly FieldOf<M>[]
    readonly default?: string
    readonly tieBreaker?: FieldOf<M>
  }
  /** `offset`: page and per_page, with a total. `cursor`: per_page and a signed `cursor`, with `next`. */
  readonly page: P
  readonly perPage?: { readonly default?: number; readonly max?: number }
}

/** A keyset page: the items, and the cursor of the next page (null on the last). */
export interface CursorPage<T> {
  items: T[]
  next: string | null
}

/** An offset page: the items, how many match in all, and where the page is. */
export interface OffsetPage<T> {
  items: T[]
  total: number
  page: number
  per_page: number
}

/** What a list endpoint returns for its page mode. */
export type PageOf<P, T> = P extends 'cursor' ? CursorPage<T> : OffsetPage<T>

/** What `run` needs besides the validated query. */
export interface ListRunOptions<M extends Model> {
  /** The HMAC key of cursors (cursor pages only): keep it secret, or clients could forge positions. */
  readonly secret?: string
  /** Conditions the route adds (a parent from the path); they win over the client's filters. */
  readonly where?: Where<RowOf<M>>
}

/** A declared list endpoint: its query schema and how a validated query becomes a page. */
export interface ListEndpoint<
  M extends Model,
  P extends 'cursor' | 'offset',
  D extends ListDeclaration<M, P> = ListDeclaration<M, P>,
> {
  /**
   * The query parameters: validation, coercion and their OpenAPI description come from this schema; typed by the
   * declaration, so a typed call naming a parameter it does not declare (`sortt`) does not compile. At run time a
   * bracketed key or a model field it does not declare is a 400 naming it (`knownFilters`), never silently ignored.
   */
  readonly query: v.ObjectSchema<ListQueryEntries<M, D>, undefined>
  /** Reads the page a validated query asks for. */
  run(
    repo: Repository<M>,
    query: Readonly<Record<string, unknown>>,
    options?: ListRunOptions<M>,
  ): Promise<PageOf<P, RowOf<M>>>
}

const OP_TEXT: Record<FilterOp, string> = {
  eq: 'equals this',
  in: 'is one of these (repeat the parameter, at most 50)',
  gte: 'is at least this',
  lte: 'is at most this',
}
const paramName = (field: string, op: FilterOp) => (op === 'eq' ? field : `${field}[${op}]`)
const invalidCursor = (message: string): never => {
  throw new ValidationError([{ in: 'query', name: 'cursor', pointer: '/cursor', message }])
}

/**
 * Declares a list endpoint once: its filters, search, sorts and pagination become the query schema (so validation and
 * the document follow), and `run` turns the validated query into one parameterized Repository call.
 * @example
 * const list = listEndpoint(Comment, { filter: { authorId: ['eq', 'in'] }, search: ['body'],
 *   sort: { fields: ['createdAt', 'id'], default: '-createdAt' }, page: 'cursor' })
 * get('/', { query: list.query, response: cursorPageOf('CommentPage', CommentRead) }, ({ query, env, deps }) =>
 *   list.run(deps.comments, query, { secret: env.CURSOR_SECRET }))
 */
export function listEndpoint<
  M extends Model,
  const P extends 'cursor' | 'offset',
  const D extends ListDeclaration<M, P> = ListDeclaration<M, P>,
>(model: M, declaration: D & ListDeclaration<M, P>): ListEndpoint<M, P, D> {
  const fields = model.fields as Record<string, v.GenericSchema>
  const known = (field: string) => {
    if (!(field in fields)) throw new Error(`listEndpoint(${model.table}): unknown field "${field}"`)
    return field
  }
  const { default: defaultPerPage = 20, max: maxPerPage = 100 } = declaration.perPage ?? {}
  const entries: Record<string, v.GenericSchema> = {}
  const filters: [string, FilterOp, string][] = []
  for (const [field, ops] of Object.entries(declaration.filter ?? {}) as [string, readonly FilterOp[]][]) {
    const schema = fields[known(field)]!
    for (const op of ops) {
      const name = paramName(field, op)
      filters.push([field, op, name])
      const description = `Only items whose ${field} ${OP_TEXT[op]}`
      entries[name] = v.optional(
        op === 'in'
          ? v.pipe(v.array(schema), v.maxLength(50), v.description(description))
          : v.pipe(schema, v.description(description)),
      )
    }
  }
  const searchFields = (declaration.search ?? []).map(known)
  if (searchFields.length)
    entries.search = v.optional(
      v.pipe(
        v.string(),
        v.maxLength(100),
        v.description(`Case-insensitive substring of ${searchFields.join(' or ')}; % and _ match themselves`),
      ),
    )
  const sortFields = (declaration.sort?.fields ?? [model.primaryKey]).map(known)
  const tieBreaker = known(declaration.sort?.tieBreaker ?? model.primaryKey)
  const defaultSort = declaration.sort?.default ?? sortFields[0]!
  const sorts = sortFields.flatMap((f) => [f, `-${f}`])
  if (!sorts.includes(defaultSort))
    throw new Error(`listEndpoint(${model.table}): default sort "${defaultSort}" is not declared`)
  const cursorMode = declaration.page === 'cursor'
  entries.sort = v.optional(
    v.pipe(
      v.picklist(sorts),
      v.description(
        `Order by a field, ascending; prefix - for descending (default ${defaultSort}); ties by ${tieBreaker}, the same way` +
          (cursorMode ? '. A cursor holds only for the sort it was issued with' : ''),
      ),
    ),
    defaultSort,
  )
  const paging = pageQuery({ defaultPerPage, maxPerPage })
  if (cursorMode) {
    entries.per_page = paging.per_page
    entries.cursor = v.optional(
      v.pipe(
        v.string(),
        v.maxLength(1024),
        v.regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'must be a cursor from a previous page'),
        v.description('The `next` of the previous page, sent with the same `sort`; omit for the first page'),
      ),
    )
  } else Object.assign(entries, paging)

  const whereOf = (query: Readonly<Record<string, unknown>>, fixed: Where<RowOf<M>> = {}) => {
    const where: Record<string, Condition<SqlValue>> = {}
    for (const [field, op, name] of filters) {
      const value = query[name]
      if (value === undefined) continue
      where[field] = { ...where[field], [op]: value }
    }
    return { ...where, ...fixed } as Where<RowOf<M>>
  }

  return {
    // Typed as the declared object; checked as a loose one, so an undeclared filter is named, not dropped.
    query: v.pipe(v.looseObject(entries), knownFilters(model, Object.keys(entries))) as unknown as v.ObjectSchema<
      ListQueryEntries<M, D>,
      undefined
    >,
    async run(repo, query, options = {}) {
      const where = whereOf(query, options.where)
      // No text, or no declared search fields, is no search (whereClause adds no condition).
      const search = { text: query.search as string, fields: searchFields as (keyof RowOf<M> & string)[] }
      const sort = (query.sort as string | undefined) ?? defaultSort
      const descending = sort.startsWith('-')
      const orderBy = (descending ? sort.slice(1) : sort) as keyof RowOf<M> & string
      const perPage = query.per_page as number
      const base = { where, search, orderBy, descending, tieBreaker: tieBreaker as keyof RowOf<M> & string }
      if (!cursorMode) {
        const page = query.page as number
        const { items, total } = await repo.list({ ...base, ...pageWindow(page, perPage) })
        return { items, total, page, per_page: perPage } as PageOf<P, RowOf<M>>
      }
      const secret = options.secret
      if (!secret) throw new Error(`listEndpoint(${model.table}): cursor pages need a secret`)
      let after: { value: SqlValue; key: SqlValue } | undefined
      if (typeof query.cursor === 'string') {
        const at =
          (await openCursor(query.cursor, secret)) ??
          invalidCursor('is not a cursor this API issued, or it was altered')
        if (at.sort !== sort)
          invalidCursor(`was issued for sort=${at.sort}; send that sort or start again without a cursor`)
        after = { value: at.value, key: at.key }
      }
      // One row more than the page says whether another page follows, without counting the rest.
      const rows = await repo.find({ ...base, after, limit: perPage + 1 })
      const items = rows.slice(0, perPage)
      const last = items.at(-1) as Record<string, SqlValue> | undefined
      const next =
        rows.length > perPage && last
          ? await signCursor({ sort, value: last[orderBy] ?? null, key: last[tieBreaker] ?? null }, secret)
          : null
      return { items, next } as PageOf<P, RowOf<M>>
    },
  }
}
