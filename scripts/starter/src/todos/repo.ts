import { dependency } from 'edgestar'
import { Repository, type SqlDatabase } from 'edgestar/data'
import { provide } from '../env'
import { Todo } from './model'

/** The request's D1 session: reads may use a replica at the client's bookmark, writes go to the primary. */
export const Db = dependency<SqlDatabase>('db')

/** The todos table. */
export const Todos = dependency<Repository<typeof Todo>>('todos')

/** Provides the repository per request, on the request's D1 session. */
export const provideTodos = provide(Todos, { inject: { db: Db } }, (ctx) => new Repository(ctx.deps.db, Todo))
