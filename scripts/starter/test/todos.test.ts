import { env } from 'cloudflare:workers'
import { provide } from 'edgestar'
import { testClient } from 'edgestar/testing'
import { describe, expect, it } from 'vitest'
import { app } from '../src/app'
import { bearer } from '../src/auth'
import { createTodo, getTodo, listTodos } from '../src/todos/handlers'

// Each request from its own address, so the app's per-address rate limit never answers in place of the route.
let n = 0
const headers = () => ({ 'cf-connecting-ip': `192.0.2.${(n++ % 250) + 1}` })

/** A client signed in as `who` through a real bearer token, signed with the test secret. */
const signedIn = async (who: string) => {
  const token = await bearer.sign(env, { sub: who }, 300)
  return testClient(app, { env, headers: () => ({ ...headers(), authorization: `Bearer ${token}` }) })
}

describe('todos', () => {
  it('creates a todo with its defaults, and reads it back exactly: done is false, not 0', async () => {
    const alice = await signedIn('alice')
    const created = await alice.call(createTodo, { body: { title: 'Water the plants', tags: ['home', 'garden'] } })
    expect(created.status).toBe(201)
    expect(created.data).toMatchObject({ owner: 'alice', done: false, priority: 'normal', tags: ['home', 'garden'] })
    const read = await alice.call(getTodo, { params: { id: created.data.id } })
    expect(read.data).toEqual(created.data)
    expect(read.data.done).toBe(false)
  })

  it('filters the list by done and priority', async () => {
    const bob = await signedIn('bob')
    await bob.call(createTodo, { body: { title: 'Urgent', priority: 'high', dueAt: '2027-01-01T09:00:00.000Z' } })
    await bob.call(createTodo, { body: { title: 'Finished', done: true } })
    const open = await bob.call(listTodos, { query: { done: false, owner: 'bob' } })
    expect(open.data.items.map((t) => t.title)).toEqual(['Urgent'])
    const high = await bob.call(listTodos, { query: { priority: 'high', owner: 'bob' } })
    expect(high.data.items[0]).toMatchObject({ title: 'Urgent', dueAt: '2027-01-01T09:00:00.000Z' })
  })

  it('refuses writes without a token (401) and bad input with a problem naming the field (400)', async () => {
    const anonymous = testClient(app, { env, headers })
    const refused = await anonymous.fetch('/todos', { method: 'POST', json: { title: 'x' } })
    expect(refused.status).toBe(401)
    const alice = await signedIn('alice')
    const bad = await alice.fetch('/todos', { method: 'POST', json: { title: '', priority: 'urgent' } })
    expect(bad.status).toBe(400)
    expect(bad.headers.get('content-type')).toBe('application/problem+json')
    const problem = (await bad.json()) as { errors: { in: string; name: string }[] }
    expect(problem.errors.map((e) => `${e.in}.${e.name}`).sort()).toEqual(['body.priority', 'body.title'])
  })

  it('lets only the owner change a todo: a dependency override stands in for the token', async () => {
    const alice = await signedIn('alice')
    const { data } = await alice.call(createTodo, { body: { title: 'Mine' } })
    // Overrides replace a provider on every layer for this client only: here, whoever the bearer token names.
    const mallory = testClient(app, { env, headers, overrides: [provide(bearer.principal, () => ({ id: 'mallory' }))] })
    const stolen = await mallory.fetch(`/todos/${data.id}`, { method: 'PATCH', json: { done: true } })
    expect(stolen.status).toBe(404)
    const done = await alice.fetch(`/todos/${data.id}`, { method: 'PATCH', json: { done: true } })
    expect(await done.json()).toMatchObject({ id: data.id, done: true })
  })

  it('serves the OpenAPI document at / and the docs page at /docs', async () => {
    const client = testClient(app, { env, headers })
    const document = (await (await client.fetch('/openapi.json')).json()) as { paths: Record<string, unknown> }
    expect(Object.keys(document.paths)).toEqual(['/todos', '/todos/{id}'])
    const docs = await client.fetch('/docs')
    expect(docs.headers.get('content-type')).toContain('text/html')
  })
})
