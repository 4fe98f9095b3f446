import * as v from 'valibot'
import { get } from '../../core'
import { walk } from '../../core/data'
import { ndjsonResponse } from '../../core/http'
import { PostRead, postExample } from '../posts/dtos'
import { Posts } from '../posts/repo'
import { UserPublic, userExample } from '../users/dtos'
import { Users } from '../users/repo'

/**
 * Rows per D1 read and per streamed chunk: what one export holds in memory at a time. The export's description
 * (exportData's doc comment) names this number: change both together.
 */
export const EXPORT_BATCH = 500

/** One line of the export: a header, then every user, then every post, each in its public view. */
export const ExportLine = v.pipe(
  v.variant('kind', [
    v.object({ kind: v.literal('export'), exportedAt: v.string() }),
    v.object({ kind: v.literal('user'), item: UserPublic }),
    v.object({ kind: v.literal('post'), item: PostRead }),
  ]),
  v.title('ExportLine'),
  v.description('One line of the NDJSON export'),
  v.metadata({
    examples: [
      { kind: 'export', exportedAt: '2026-01-02T08:00:00.000Z' },
      { kind: 'user', item: { id: userExample.id, name: userExample.name, createdAt: userExample.createdAt } },
      { kind: 'post', item: postExample },
    ],
  }),
)

/**
 * One JSON document a line: `{"kind":"export"}` first, then `{"kind":"user","item":…}` for every user, then
 * `{"kind":"post","item":…}` for every post, read 500 rows at a time.
 * @summary Export users and posts (public views), streamed as NDJSON
 */
export const exportData = get(
  '/export',
  {
    // One handler for people and machines: every user and post in their public views, read by keyset a batch at a
    // time, so the export's size is unbounded and its memory is not. The router serves it under bearer and API-key.
    inject: { users: Users, posts: Posts },
    response: ExportLine,
    responseType: 'application/x-ndjson',
  },
  ({ deps: { users, posts } }) => {
    async function* lines() {
      yield [{ kind: 'export', exportedAt: new Date().toISOString() }]
      // Each row goes through its public DTO: the stream skips the pipeline's response check, never the stripping.
      for await (const rows of walk(users, {}, EXPORT_BATCH))
        yield rows.map((u) => ({ kind: 'user', item: v.parse(UserPublic, u) }))
      for await (const rows of walk(posts, {}, EXPORT_BATCH))
        yield rows.map((p) => ({ kind: 'post', item: v.parse(PostRead, p) }))
    }
    return ndjsonResponse(lines())
  },
)
