import * as v from 'valibot'
import { get } from '../../core'
import { apiKey } from '../auth/guards'
import { Db } from '../common/db'

const Stats = v.pipe(
  v.object({
    users: v.number(),
    admins: v.number(),
    posts: v.number(),
    activeApiKeys: v.number(),
  }),
  v.title('Stats'),
  v.metadata({ examples: [{ users: 3, admins: 1, posts: 4, activeApiKeys: 1 }] }),
)

/**
 * How many users (and of them admins), posts and unrevoked API keys exist, counted in D1 on each call. Needs both an
 * admin (bearer token or session) and an API key with the `stats` scope in X-API-Key. Reads only.
 * @summary Counts of users, posts and API keys
 */
export const stats = get(
  '/stats',
  {
    guards: [apiKey('stats')],
    inject: { db: Db },
    response: Stats,
  },
  async ({ deps: { db } }) =>
    (await db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM users) AS users,
              (SELECT COUNT(*) FROM users WHERE role = 'admin') AS admins,
              (SELECT COUNT(*) FROM posts) AS posts,
              (SELECT COUNT(*) FROM api_keys WHERE revoked_at IS NULL) AS activeApiKeys`,
      )
      .first<v.InferInput<typeof Stats>>())!,
)
