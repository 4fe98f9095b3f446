import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ApiClient } from '../kit'
import { hostile } from './client'
import { deref, type Operation, operations } from './operations'
import { snapshot } from './snapshot'

/** Every way of writing the integer `n` that is not its one canonical spelling, keyed by a label. */
const spellings = (n: number): [string, string][] => {
  const digits = String(n)
  const pct = (s: string) => [...new TextEncoder().encode(s)].map((b) => `%${b.toString(16).toUpperCase()}`).join('')
  return [
    ['percent-encoded digits', pct(digits)],
    ['double percent-encoded digits', pct(digits).replaceAll('%', '%25')],
    ['a decimal point', `${digits}.0`],
    ['a plus sign', `+${digits}`],
    ['an encoded plus sign', `%2B${digits}`],
    ['a leading zero', `0${digits}`],
    ['an exponent', `${digits}e0`],
    ['a leading space', `%20${digits}`],
    ['a trailing space', `${digits}%20`],
    ['hexadecimal', `0x${n.toString(16)}`],
    ['minus zero', '-0'],
    ['700 characters', digits.padStart(700, '0')],
    ['fullwidth digits', pct([...digits].map((d) => String.fromCharCode(0xff10 + Number(d))).join(''))],
    ['a trailing NUL', `${digits}%00`],
    ['an encoded slash', `${digits}%2F`],
  ]
}

// The operations whose guard decides by who owns the integer id in the path: secured by a bearer token any
// user holds (admin-only operations are another guard), with an integer `id`.
const isIntegerId = (op: Operation) =>
  op.parameters.some((p) => p.in === 'path' && p.name === 'id' && deref(p.schema).type === 'integer')
const guarded = operations.filter(
  (op) => isIntegerId(op) && op.method !== 'GET' && op.security.some((s) => s.bearerAuth?.length === 0),
)

const bodies: Record<string, unknown> = {
  'PUT /users/{id}': { name: 'Hijacked', email: 'hijacked-{n}@example.test', age: 33, password: 'a-long-password' },
  'PATCH /users/{id}': { name: 'Hijacked' },
  'POST /users/{id}/posts': { title: 'Planted', content: 'Planted in another user’s name' },
  'PUT /posts/{id}': { title: 'Hijacked', content: 'Hijacked' },
  'PATCH /posts/{id}': { title: 'Hijacked' },
  'PATCH /posts/{postId}/comments/{id}': { body: 'Hijacked' },
}

/** A user another user will target, with a post of theirs and a comment of theirs on it. */
async function victim() {
  const email = `victim-${crypto.randomUUID()}@example.test`
  const user = await env.DB.prepare(
    "INSERT INTO users (name, email, age, password_hash, role) VALUES ('Victim', ?, 30, 'not-a-hash', 'user') RETURNING id",
  )
    .bind(email)
    .first<{ id: number }>()
  const post = await env.DB.prepare(
    "INSERT INTO posts (author_id, title, content) VALUES (?, 'Mine', 'Mine') RETURNING id",
  )
    .bind(user!.id)
    .first<{ id: number }>()
  const comment = await env.DB.prepare(
    "INSERT INTO comments (post_id, author_id, body) VALUES (?, ?, 'Mine') RETURNING id",
  )
    .bind(post!.id, user!.id)
    .first<{ id: number }>()
  return { userId: user!.id, postId: post!.id, commentId: comment!.id }
}

describe('another user’s id, however it is spelled, never lets a logged-in non-owner change anything', () => {
  let stranger: ApiClient
  beforeAll(async () => {
    stranger = await hostile.as({ role: 'user' })
  })

  it('covers every ownership-guarded operation with an integer id', () => {
    expect(guarded.map((op) => `${op.method} ${op.path}`).sort()).toEqual(
      [
        'DELETE /posts/{id}',
        'DELETE /posts/{postId}/comments/{id}',
        'DELETE /users/{id}',
        'PATCH /posts/{id}',
        'PATCH /posts/{postId}/comments/{id}',
        'PATCH /users/{id}',
        'POST /users/{id}/posts',
        'PUT /posts/{id}',
        'PUT /users/{id}',
      ].sort(),
    )
  })

  for (const op of guarded) {
    const name = `${op.method} ${op.path}`
    it(`${name}: 400, 403 or 404 for every spelling, and D1, KV and R2 unchanged`, async () => {
      const body = bodies[name]
      // A comment's path names its post too: the victim's own, so only the spelled id is wrong.
      const request = (id: string, postId = 0) =>
        stranger.fetch(op.path.replace('{postId}', String(postId)).replace('{id}', id), {
          method: op.method,
          headers: body ? { 'content-type': 'application/json' } : {},
          // A fresh email each time, so a replacement that got through is not hidden behind a 409.
          body: body ? JSON.stringify(body).replace('{n}', crypto.randomUUID()) : null,
        })
      type Victim = Awaited<ReturnType<typeof victim>>
      const isComment = op.path.includes('/comments/')
      const targetOf = (v: Victim) => (isComment ? v.commentId : op.path.startsWith('/posts') ? v.postId : v.userId)
      // The control: the canonical spelling is refused with the guard's own 403.
      const control = await victim()
      const canonical = await request(String(targetOf(control)), control.postId)
      expect(canonical.status, await canonical.text()).toBe(403)
      const wrong: string[] = []
      for (let i = 0; i < spellings(1).length; i++) {
        // A fresh victim per spelling, so what one spelling did cannot hide what the next does.
        const target = await victim()
        const [label, id] = spellings(targetOf(target))[i]!
        const before = await snapshot()
        const res = await request(id, target.postId)
        const text = await res.text()
        const changed = (await snapshot()) !== before
        if (![400, 403, 404].includes(res.status) || changed)
          wrong.push(
            `${label} (${id.slice(0, 24)}): ${res.status}${changed ? ', state changed' : ''} ${text.slice(0, 120)}`,
          )
      }
      expect(wrong).toEqual([])
    })
  }
})

/** Ways of writing a file key that are not the key itself. */
const keySpellings = (key: string): [string, string][] => {
  const pct = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  return [
    ['every character percent-encoded', [...key].map(pct).join('')],
    ['the first character percent-encoded', pct(key[0]!) + key.slice(1)],
    ['the first character double percent-encoded', pct(key[0]!).replace('%', '%25') + key.slice(1)],
    ['an encoded dot', key.replace('.', '%2E')],
    ['upper case', key.toUpperCase()],
    ['a trailing space', `${key}%20`],
    ['a trailing NUL', `${key}%00`],
    ['an encoded slash in front', `%2F${key}`],
    ['a dot segment in front', `.%2F${key}`],
    ['700 characters', key.padStart(700, '0')],
  ]
}

describe('another user’s file key, however it is spelled, is never served to or deleted by a non-owner', () => {
  it('GET, HEAD and DELETE /files/{key}: 400, 403 or 404 for every spelling, and R2 unchanged', async () => {
    const owner = await hostile.as({ role: 'user' })
    const stranger = await hostile.as({ role: 'user' })
    const form = new FormData()
    form.append('file', new File(['private bytes'], 'private.txt'))
    const up = await owner.fetch('/files', { method: 'POST', body: form })
    expect(up.status).toBe(201)
    const { key } = ((await up.json()) as { files: { key: string }[] }).files[0]!
    // The control: the key itself is hidden from the stranger as a 404.
    expect((await stranger.fetch(`/files/${key}`)).status).toBe(404)
    const before = await snapshot()
    const wrong: string[] = []
    for (const [label, spelled] of keySpellings(key))
      for (const method of ['GET', 'HEAD', 'DELETE']) {
        const res = await stranger.fetch(`/files/${spelled}`, { method })
        const text = await res.text()
        if (![400, 403, 404].includes(res.status) || text.includes('private bytes'))
          wrong.push(`${method} ${label}: ${res.status} ${text.slice(0, 120)}`)
      }
    expect(wrong).toEqual([])
    expect(await snapshot()).toBe(before)
  })
})
