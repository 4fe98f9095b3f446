import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { createApp, get, validation } from '../../../src/core'
import { responseCache } from '../../../src/core/cache'
import { kvStore } from '../../../src/core/stores'
import { testClient } from '../../../src/core/testing'
import { apiClient, createUser } from '../kit'

const api = apiClient()

const status = (res: Response) => res.headers.get('cache-status') ?? ''

/** Reads until the cache answers: KV writes land after the response. */
async function untilHit(path: string): Promise<Response> {
  for (let i = 0; i < 40; i++) {
    const res = await api.fetch(path)
    if (status(res).includes('hit')) return res
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`${path} was never served from the cache`)
}

describe('cache keys and tags come from the validated path parameters', () => {
  it('serves every spelling of one id from one entry, and purges them all after a write by any route', async () => {
    const admin = await api.as({ role: 'admin' })
    const { user } = await createUser(admin, { name: 'Before Admin Edit' })
    await api.fetch(`/users/${user.id}`)
    await untilHit(`/users/${user.id}`)
    const encoded = [...String(user.id)].map((d) => `%3${d}`).join('')
    // The canonical key: other spellings of the same id are hits on the same entry, not entries of their own.
    for (const spelling of [encoded, `0${user.id}`, `${user.id}.0`])
      expect(status(await api.fetch(`/users/${spelling}`)), spelling).toMatch(/hit/)

    // The admin's PATCH names no purge: the repository recorded the write, and the cache purged its tags.
    const changed = await admin.fetch(`/admin/users/${user.id}`, {
      method: 'PATCH',
      json: { name: 'After Admin Edit' },
    })
    expect(changed.status).toBe(200)
    // The first read after the purge misses; every spelling then reads the one fresh entry, never the old one.
    const fresh = await api.fetch(`/users/${encoded}`)
    expect(status(fresh)).toMatch(/fwd=stale/)
    for (const read of [fresh, await api.fetch(`/users/${user.id}`), await api.fetch(`/users/${user.id}.0`)])
      expect(((await read.json()) as { name: string }).name).toBe('After Admin Edit')
  })

  it('answers a 700-character id with a 400 problem, not a 500', async () => {
    for (const id of ['9'.repeat(700), 'x'.repeat(700), '%39'.repeat(300)]) {
      const res = await api.fetch(`/users/${id}`)
      expect(res.status).toBe(400)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
    }
  })

  it('keeps long string parameters under the KV key limit by hashing tags and keys', async () => {
    const app = createApp({
      handlers: [
        get(
          '/things/:slug',
          { params: v.object({ slug: v.string() }), cache: { ttl: 60, tags: ['thing:{slug}'] } },
          ({ params }) => ({ length: params.slug.length }),
        ),
      ],
      plugins: [
        validation(),
        responseCache({ store: kvStore({ binding: (env) => env.CACHE, namespace: 'long-keys' }) }),
      ],
    })
    const slug = 'é'.repeat(400)
    const first = await testClient(app, { env }).fetch(`/things/${encodeURIComponent(slug)}`)
    expect(first.status).toBe(200)
    expect(await first.json()).toEqual({ length: 400 })
    expect(status(first)).toMatch(/stored/)
  })
})

describe('HEAD', () => {
  it('carries the Content-Length and headers GET would', async () => {
    const { user } = await createUser(await api.as({ role: 'admin' }))
    for (const path of [`/users/${user.id}`, '/greet?name=Ann', '/hello/Ann', '/posts?per_page=2']) {
      const got = await api.fetch(path)
      const body = await got.arrayBuffer()
      const head = await api.fetch(path, { method: 'HEAD' })
      expect(head.status, path).toBe(got.status)
      expect(head.headers.get('content-length'), path).toBe(String(body.byteLength))
      expect(head.headers.get('content-type'), path).toBe(got.headers.get('content-type'))
      expect(await head.text()).toBe('')
    }
  })
})
