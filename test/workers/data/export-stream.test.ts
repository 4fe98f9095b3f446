import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, expect, it } from 'vitest'
import { Db } from '../../../src/app/common/db'
import { EXPORT_BATCH, exportData } from '../../../src/app/export/handlers'
import { providePosts } from '../../../src/app/posts/repo'
import { provideUsers } from '../../../src/app/users/repo'
import { createApp, provide, validation } from '../../../src/core'
import type { SqlDatabase } from '../../../src/core/data'

const USERS = 3000
const POSTS = 2000

// A database that records how many rows each statement returned, so the test can see what the handler held.
const rowsPerStatement: number[] = []
const recording: SqlDatabase = {
  prepare(sql: string) {
    const statement = env.DB.prepare(sql)
    const wrap = (s: D1PreparedStatement): D1PreparedStatement =>
      Object.assign(Object.create(s), {
        bind: (...args: unknown[]) => wrap(s.bind(...args)),
        all: async () => {
          const result = await s.all()
          rowsPerStatement.push(result.results.length)
          return result
        },
      })
    return wrap(statement)
  },
  batch: (statements) => env.DB.batch(statements),
}

const app = createApp({
  plugins: [validation()],
  dependencies: [provide(Db, () => recording), provideUsers, providePosts],
  handlers: [exportData],
})

beforeAll(async () => {
  const user = env.DB.prepare("INSERT INTO users (name, email, age, password_hash) VALUES (?, ?, 30, 'pbkdf2$x')")
  await env.DB.batch(Array.from({ length: USERS }, (_, i) => user.bind(`Bulk ${i}`, `bulk${i}@export.test`)))
  const first = await env.DB.prepare('SELECT min(id) AS id FROM users').first<{ id: number }>()
  const post = env.DB.prepare("INSERT INTO posts (author_id, title, content) VALUES (?, ?, 'x')")
  await env.DB.batch(Array.from({ length: POSTS }, (_, i) => post.bind(first!.id, `Bulk post ${i}`)))
})

it('streams thousands of rows while holding one batch: no statement returns more, and the first line comes first', async () => {
  rowsPerStatement.length = 0
  const ctx = createExecutionContext()
  const res = await app.fetch(new Request('https://api.test/export'), env, ctx)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('application/x-ndjson')
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
  const first = await reader.read()
  expect(first.value).toContain('"kind":"export"')
  // Pulled lazily: after the first chunk, at most the next batch was read, not the whole table.
  expect(rowsPerStatement.length).toBeLessThanOrEqual(1)
  let text = first.value ?? ''
  for (let r = await reader.read(); !r.done; r = await reader.read()) text += r.value
  await waitOnExecutionContext(ctx)
  const lines = text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { kind: string; item?: Record<string, unknown> })
  expect(lines.filter((l) => l.kind === 'user')).toHaveLength(USERS)
  expect(lines.filter((l) => l.kind === 'post')).toHaveLength(POSTS)
  expect(Math.max(...rowsPerStatement)).toBe(EXPORT_BATCH)
  expect(rowsPerStatement.length).toBeGreaterThanOrEqual((USERS + POSTS) / EXPORT_BATCH)
  expect(text).not.toContain('pbkdf2')
  expect(lines[1]!.item).not.toHaveProperty('passwordHash')
})
