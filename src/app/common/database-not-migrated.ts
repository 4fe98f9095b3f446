import { type ExceptionHandlerEntry, HttpError, problemResponse } from '../../core'
import { requestIdOf } from '../../core/middleware/index'

const NO_SUCH_TABLE = /no such table: (\w+)/

/**
 * App-level handler of unexpected errors: D1's "no such table" (a database whose migrations were never
 * applied, e.g. `wrangler dev --persist-to` elsewhere, or a plain `wrangler deploy`) becomes a 503 problem
 * naming the command that fixes it. Everything else stays the app's usual 500, logged with the request id.
 */
export const databaseNotMigrated: ExceptionHandlerEntry = [
  500,
  (error, ctx) => {
    const e = error instanceof Error ? error : new Error(String(error))
    const table = NO_SUCH_TABLE.exec(`${e.message} ${e.cause instanceof Error ? e.cause.message : ''}`)?.[1]
    const log = { level: 'error', requestId: requestIdOf(ctx), method: ctx.request.method, path: ctx.path }
    console.error(JSON.stringify({ ...log, route: ctx.route?.path, error: e.message, stack: e.stack }))
    const answer =
      error instanceof HttpError
        ? error
        : table
          ? new HttpError(503, {
              detail:
                `The database has no table ${table}: its migrations have not been applied. Locally run ` +
                '`npx wrangler d1 migrations apply DB --local` (add `--env staging` for staging, `--persist-to <dir>` ' +
                'if wrangler dev uses one); for a deployment run `npm run deploy`, which applies them remotely',
            })
          : new HttpError(500, { detail: 'An unexpected error occurred' })
    return problemResponse(answer, ctx.path)
  },
]
