import { env } from 'cloudflare:workers'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { Db } from '../../../src/app/common/db'
import { Post } from '../../../src/app/posts/model'
import { Posts } from '../../../src/app/posts/repo'
import { provide } from '../../../src/core'
import { writeRecorder } from '../../../src/core/cache'
import { Repository } from '../../../src/core/data'
import { durableLedger, IdempotencyLedger, idempotencyRecord } from '../../../src/core/idempotency'
import { fakeClock } from '../../../src/core/testing'
import { apiClient } from '../kit'
import { bearer, type SeededUser, seedUser } from '../seed-user'

let alice: SeededUser
let restore: (() => void) | undefined
beforeAll(async () => {
  alice = await seedUser()
})
afterEach(() => {
  restore?.()
  restore = undefined
})

interface PostBody {
  id: number
  title: string
}
const rowsTitled = async (title: string) =>
  (await env.DB.prepare('SELECT id FROM posts WHERE title = ?').bind(title).all<{ id: number }>()).results.map(
    (r) => r.id,
  )
const send = (client: ReturnType<typeof apiClient>, key: string, title: string) =>
  client.fetch('/posts', {
    method: 'POST',
    headers: { ...bearer(alice.token), 'idempotency-key': key },
    json: { authorId: alice.id, title, content: 'exactly once' },
  })

// The posts repository the app provides, except that `add` loses its answer after the insert committed: what a
// dropped connection or a crash between the commit and the response does.
const commitThenFail = provide(Posts, { inject: { db: Db } }, (ctx) => {
  const real = new Repository(ctx.deps.db, Post, { onWrite: writeRecorder(ctx), idempotency: idempotencyRecord(ctx) })
  return Object.assign(Object.create(real) as typeof real, {
    add: async (values: Parameters<typeof real.add>[0]) => {
      await real.add(values)
      throw new Error('connection reset after the insert committed')
    },
  })
})

// The ledger the app provides, except that storing the response fails: the write committed, the record of its
// response did not.
const unstoredLedger = provide(IdempotencyLedger, (ctx) => {
  const real = durableLedger(ctx.env.IDEMPOTENCY)
  return {
    ...real,
    complete: async () => {
      throw new Error('the idempotency object is unreachable')
    },
  }
})

describe('a keyed write under faults', () => {
  it('a 500 after the insert committed: the retry creates no second row and answers with the committed one', async () => {
    const title = `fault ${crypto.randomUUID()}`
    const key = crypto.randomUUID()
    const failed = await send(apiClient({ overrides: [commitThenFail] }), key, title)
    expect(failed.status).toBe(500)
    const committed = await rowsTitled(title)
    expect(committed).toHaveLength(1)

    const api = apiClient()
    const retry = await send(api, key, title)
    expect(retry.status).toBe(201)
    const body = (await retry.json()) as PostBody
    expect(body.id).toBe(committed[0])
    expect(retry.headers.get('location')).toBe(`/posts/${committed[0]}`)
    expect(retry.headers.get('etag')).toBeTruthy()
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(await rowsTitled(title)).toEqual(committed)

    // From now on the stored response answers.
    const again = await send(api, key, title)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(((await again.json()) as PostBody).id).toBe(committed[0])
    expect(await rowsTitled(title)).toEqual(committed)
  })

  it('the response could not be stored: 409 while the lease holds, then the committed row, never a second', async () => {
    const clock = fakeClock()
    restore = () => clock.restore()
    const title = `unstored ${crypto.randomUUID()}`
    const key = crypto.randomUUID()
    const first = await send(apiClient({ overrides: [unstoredLedger] }), key, title)
    // The write stands and its client hears so; only the record of the response is missing.
    expect(first.status).toBe(201)
    const { id } = (await first.json()) as PostBody

    const api = apiClient()
    const soon = await send(api, key, title)
    expect(soon.status).toBe(409)
    clock.advance(61_000)
    const retry = await send(api, key, title)
    expect(retry.status).toBe(201)
    expect(((await retry.json()) as PostBody).id).toBe(id)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(await rowsTitled(title)).toEqual([id])
  })
})
