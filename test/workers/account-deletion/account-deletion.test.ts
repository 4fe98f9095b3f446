import { env } from 'cloudflare:workers'
import { describe, expect, it, vi } from 'vitest'
import { accountDeletion } from '../../../src/app/account-deletion/workflow'
import { type ApiClient, apiClient, signUp } from '../kit'

const api = apiClient()
const BASE = '/admin/account-deletions'
type Status = { id: string; status: string; output?: Record<string, unknown>; error?: { message: string } }

const statusOf = async (admin: ApiClient, id: string): Promise<Status> => {
  const res = await admin.fetch(`${BASE}/${id}`)
  expect(res.status).toBe(200)
  return (await res.json()) as Status
}

/** A fresh user with one post, and a client signed in as them. */
async function userWithPost() {
  const { user, client: owner } = await signUp(api)
  const post = await owner.fetch('/posts', { method: 'POST', json: { authorId: user.id, title: 'Mine', content: 'x' } })
  expect(post.status).toBe(201)
  return { user, owner }
}

describe('the account deletion workflow', { timeout: 60_000 }, () => {
  it('exports the data to R2, revokes credentials, waits for approval, deletes the rows and confirms', async () => {
    const admin = await api.as({ role: 'admin' })
    const { user, owner } = await userWithPost()
    const run = await api.workflow(accountDeletion, { userId: user.id })
    // Credentials are revoked before anyone approves: the account is locked while it waits.
    await run.stepResult('revoke credentials')
    expect((await owner.fetch('/auth/me')).status).toBe(401)
    expect((await statusOf(admin, run.id)).status).not.toBe('complete')
    // The event goes through its guarded route, as an admin would send it.
    const approved = await admin.fetch(`${BASE}/${run.id}/events/approve`, {
      method: 'POST',
      json: { approvedBy: 'ops' },
    })
    expect(approved.status).toBe(202)
    const { status, output, steps } = await run.done()
    expect(status).toBe('complete')
    expect(output).toEqual({
      userId: user.id,
      exportKey: `account-exports/${user.id}/${run.id}.json`,
      exportBytes: expect.any(Number),
      approvedBy: 'ops',
    })
    expect(Object.keys(steps)).toEqual(['export', 'revoke credentials', 'delete rows', 'confirm'])
    expect(steps.export).toEqual({ runs: 1, result: { bytes: output!.exportBytes } })
    expect((await statusOf(admin, run.id)).output).toEqual(output)
    const exported = await env.FILES.get(output!.exportKey)
    const data = (await exported!.json()) as { user: { email: string }; posts: { title: string }[] }
    expect(data.user.email).toBe(user.email)
    expect(data.posts.map((p) => p.title)).toEqual(['Mine'])
    expect(await env.DB.prepare('SELECT id FROM users WHERE id = ?').bind(user.id).first()).toBeNull()
    expect(await env.DB.prepare('SELECT id FROM posts WHERE author_id = ?').bind(user.id).first()).toBeNull()
  })

  it('completes after a step that fails once: the failing step is retried', async () => {
    const { user } = await userWithPost()
    const run = await api.workflow(
      accountDeletion,
      { userId: user.id },
      { failSteps: { 'delete rows': 1 }, events: { approve: { approvedBy: 'ops' } } },
    )
    const { status, steps } = await run.done()
    expect(status).toBe('complete')
    // The mocked failure ran no function: the retry is the one run.
    expect(steps['delete rows']).toEqual({ runs: 1, result: undefined })
    expect(await env.DB.prepare('SELECT id FROM users WHERE id = ?').bind(user.id).first()).toBeNull()
  })

  it('errors once a step has failed more often than its retries allow, and deletes nothing', async () => {
    const { user } = await userWithPost()
    const run = await api.workflow(accountDeletion, { userId: user.id }, { failSteps: { export: 5 } })
    const { status, error, output, steps } = await run.done()
    expect(status).toBe('errored')
    expect(error?.message).toContain('export failed')
    expect(output).toBeUndefined()
    expect(steps).toEqual({ export: { runs: 0, error: expect.stringContaining('export failed') } })
    expect(await env.DB.prepare('SELECT id FROM users WHERE id = ?').bind(user.id).first()).not.toBeNull()
  })

  it('is guarded and validated like any route: non-admins, bad params, unknown instances, wrong events', async () => {
    const admin = await api.as({ role: 'admin' })
    const { client: someone } = await signUp(api)
    expect((await someone.fetch(BASE, { method: 'POST', json: { userId: 1 } })).status).toBe(403)
    expect((await api.fetch(BASE, { method: 'POST', json: { userId: 1 } })).status).toBe(401)
    const bad = await admin.fetch(BASE, { method: 'POST', json: { userId: 'me' } })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { errors: { name: string }[] }).errors[0]?.name).toBe('userId')
    expect((await admin.fetch(`${BASE}/no-such-instance`)).status).toBe(404)
    expect((await admin.fetch(`${BASE}/${'x'.repeat(101)}`)).status).toBe(400)
    expect((await admin.fetch(`${BASE}/a%2Fb`)).status).toBe(400)
    const event = await admin.fetch(`${BASE}/no-such-instance/events/approve`, { method: 'POST', json: {} })
    expect(event.status).toBe(400)
  })

  it('starts through its route with a 202, and the started instance runs', async () => {
    const admin = await api.as({ role: 'admin' })
    const { user } = await userWithPost()
    const started = await admin.fetch(BASE, { method: 'POST', json: { userId: user.id } })
    expect(started.status).toBe(202)
    const { id } = (await started.json()) as { id: string }
    // The revocation is visible before the approval: the instance really runs (no test drives it).
    await vi.waitFor(
      async () =>
        expect(await env.DB.prepare('SELECT credential_version FROM users WHERE id = ?').bind(user.id).first()).toEqual(
          { credential_version: 1 },
        ),
      { timeout: 20_000, interval: 100 },
    )
    expect((await statusOf(admin, id)).status).not.toBe('complete')
  })
})
