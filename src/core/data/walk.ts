import type { Model, RowOf } from './model'
import type { ListOptions, Repository } from './repository'

/**
 * Every matching row, read `batch` at a time by keyset on the primary key: memory holds one batch, however many
 * rows match, and rows inserted meanwhile shift nothing.
 * @example for await (const rows of walk(users, {}, 500)) for (const u of rows) write(u)
 */
export async function* walk<M extends Model>(
  repo: Repository<M>,
  options: Pick<ListOptions<RowOf<M>>, 'where' | 'search'> = {},
  batch = 500,
): AsyncGenerator<RowOf<M>[]> {
  const pk = repo.model.primaryKey as keyof RowOf<M> & string
  let after: { value: never; key: never } | undefined
  for (;;) {
    const rows = await repo.find({ ...options, orderBy: pk, limit: batch, after })
    if (rows.length) yield rows
    if (rows.length < batch) return
    const key = (rows.at(-1) as Record<string, never>)[pk]!
    after = { value: key, key }
  }
}
