import * as v from 'valibot'
import { get } from '../../core'
import { PostRead, postExample } from '../posts/dtos'
import { Posts } from '../posts/repo'
import { UserRead, userExample } from '../users/dtos'
import { Users } from '../users/repo'

/** The most rows of each kind one export carries. */
const MAX_ROWS = 10_000

const Export = v.pipe(
  v.object({
    exportedAt: v.string(),
    users: v.array(UserRead),
    posts: v.array(PostRead),
    truncated: v.pipe(v.boolean(), v.description(`Whether either list was cut at ${MAX_ROWS} rows`)),
  }),
  v.title('Export'),
  v.metadata({
    examples: [
      {
        exportedAt: '2026-01-02T08:00:00.000Z',
        users: [userExample],
        posts: [postExample],
        truncated: false,
      },
    ],
  }),
)

/** Every user and post in their public views: one handler, registered under bearer and API-key layers. */
export const exportData = get(
  '/export',
  { summary: 'Export users and posts (public views)', inject: { users: Users, posts: Posts }, response: Export },
  async ({ deps: { users, posts } }) => {
    const [u, p] = await Promise.all([users.list({ limit: MAX_ROWS }), posts.list({ limit: MAX_ROWS })])
    return {
      exportedAt: new Date().toISOString(),
      users: u.items,
      posts: p.items,
      truncated: u.total > MAX_ROWS || p.total > MAX_ROWS,
    }
  },
)
