import { introspectWorkflow } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it, vi } from 'vitest'
import { type ApiClient, apiClient, signUp } from '../kit'

const api = apiClient()
const BASE = '/admin/account-deletions'
type Status = { id: string; status: string; output?: Record<string, unknown>; error?: { message: string } }

const statusOf = async (admin: ApiClient, id: string): Promise<Status> => {
  const res = await admin.fetch(`${BASE}/${id}`)
  expect(res.status).toBe(200)
  return (await res.json()) as Status
}
const until = (admin: ApiClient, id: string, status: string) =>
  vi.waitFor(async () => expect((await statusOf(admin, id)).status).toBe(status), { timeout: 20_000, interval: 100 })

/** Starts a deletion of a fresh user with a post, checks the lock, approves it, and waits for the end. */
async function deleteAccount(admin: ApiClient) {
  const { user, client: owner } = await signUp(api)
  expect(
    (await owner.fetch('/posts', { method: 'POST', json: { authorId: user.id, title: 'Mine', content: 'x' } })).status,
  ).toBe(201)
  const started = await admin.fetch(BASE, { method: 'POST', json: { userId: user.id } })
  expect(started.status).toBe(202)
  const { id } = (await started.json()) as { id: string }
  // Credentials are revoked before anyone approves: the account is locked while it waits.
  await vi.waitFor(async () => expect((await owner.fetch('/auth/me')).status).toBe(401), {
    timeout: 20_000,
    interval: 100,
  })
  expect((await statusOf(admin, id)).status).not.toBe('complete')
  const approved = await admin.fetch(`${BASE}/${id}/events/approve`, { method: 'POST', json: { approvedBy: 'ops' } })
  expect(approved.status).toBe(202)
  return { user, id }
}

describe('the account deletion workflow', { timeout: 60_000 }, () => {
  it('exports the data to R2, revokes credentials, waits for approval, deletes the rows and confirms', async () => {
    const introspector = await introspectWorkflow(env.ACCOUNT_DELETION)
    try {
      const admin = await api.as({ role: 'admin' })
      const { user, id } = await deleteAccount(admin)
      await until(admin, id, 'complete')
      const { output } = await statusOf(admin, id)
      expect(output).toEqual({
        userId: user.id,
        exportKey: expect.any(String),
        exportBytes: expect.any(Number),
        approvedBy: 'ops',
      })
      const exported = await env.FILES.get(output!.exportKey as string)
      const data = (await exported!.json()) as { user: { email: string }; posts: { title: string }[] }
      expect(data.user.email).toBe(user.email)
      expect(data.posts.map((p) => p.title)).toEqual(['Mine'])
      expect(await env.DB.prepare('SELECT id FROM users WHERE id = ?').bind(user.id).first()).toBeNull()
      expect(await env.DB.prepare('SELECT id FROM posts WHERE author_id = ?').bind(user.id).first()).toBeNull()
    } finally {
      await introspector.dispose()
    }
  })

  it('completes after a step that fails once: the failing step is retried', async () => {
    const introspector = await introspectWorkflow(env.ACCOUNT_DELETION)
    try {
      await introspector.modifyAll(async (m) => {
        await m.disableRetryDelays()
        await m.mockStepError({ name: 'delete rows' }, new Error('D1 is busy'), 1)
      })
      const admin = await api.as({ role: 'admin' })
      const { user, id } = await deleteAccount(admin)
      const [instance] = await introspector.get()
      await instance!.waitForStatus('complete')
      expect((await statusOf(admin, id)).status).toBe('complete')
      expect(await env.DB.prepare('SELECT id FROM users WHERE id = ?').bind(user.id).first()).toBeNull()
    } finally {
      await introspector.dispose()
    }
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
})
