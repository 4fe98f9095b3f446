import * as v from 'valibot'

/** The item's first example, which a page's example shows. */
const firstExample = (item: v.GenericSchema) => (v.getMetadata(item) as { examples?: unknown[] }).examples?.[0]

/** The largest page number accepted: keeps OFFSET arithmetic far from integer limits. */
const MAX_PAGE = 1_000_000

/**
 * The query entries of a paginated list: `page` (from 1) and `per_page` (1..max), with defaults.
 * @example query: v.object({ ...pageQuery(), search: v.optional(v.string()) })
 */
export function pageQuery(options: { defaultPerPage?: number; maxPerPage?: number } = {}) {
  const { defaultPerPage = 20, maxPerPage = 100 } = options
  return {
    page: v.optional(
      v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_PAGE), v.description('Page number, from 1')),
      1,
    ),
    per_page: v.optional(
      v.pipe(
        v.number(),
        v.integer(),
        v.minValue(1),
        v.maxValue(maxPerPage),
        v.description(`Items per page, 1 to ${maxPerPage}`),
      ),
      defaultPerPage,
    ),
  }
}

/**
 * A named page of items: `items`, `total`, `page`, `per_page`; its example pages the item's first example.
 * @example export const UserPage = pageOf('UserPage', UserRead)
 */
export function pageOf<T extends v.GenericSchema>(title: string, item: T) {
  const example = firstExample(item)
  return v.pipe(
    v.object({
      items: v.array(item),
      total: v.pipe(v.number(), v.integer(), v.description('Items matching, over all pages')),
      page: v.pipe(v.number(), v.integer()),
      per_page: v.pipe(v.number(), v.integer()),
    }),
    v.title(title),
    v.metadata(example === undefined ? {} : { examples: [{ items: [example], total: 1, page: 1, per_page: 20 }] }),
  )
}

/**
 * LIMIT and OFFSET for a page.
 * @example repo.list({ ...pageWindow(query.page, query.per_page) })
 */
export const pageWindow = (page: number, perPage: number): { limit: number; offset: number } => ({
  limit: perPage,
  offset: (page - 1) * perPage,
})

/**
 * A named keyset page: `items` and `next`, the cursor of the following page (null on the last).
 * @example export const CommentPage = cursorPageOf('CommentPage', CommentRead)
 */
export function cursorPageOf<T extends v.GenericSchema>(title: string, item: T) {
  const example = firstExample(item)
  return v.pipe(
    v.object({
      items: v.array(item),
      next: v.pipe(
        v.nullable(v.string()),
        v.description('Send as `cursor` for the next page; null on the last page. Opaque and signed'),
      ),
    }),
    v.title(title),
    v.metadata(example === undefined ? {} : { examples: [{ items: [example], next: null }] }),
  )
}
