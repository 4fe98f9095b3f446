import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { accountDeletion } from '../../../src/app/account-deletion/workflow'
import { apiClient, signUp } from '../kit'

const api = apiClient()
const BASE = '/admin/account-deletions'

// A deletion waits for an admin's approval; nobody else may give it, and no spelling of the event route reaches the
// instance around its guard or its schema. The instance is driven by the kit, so what it did is read from its steps.
describe('the account-deletion approval cannot be forged', { timeout: 60_000 }, () => {
  it('refuses the victim, another user, spellings of the event type and bodies that break the schema', async () => {
    const admin = await api.as({ role: 'admin' })
    const { user: victim, client: victimClient } = await signUp(api)
    const { client: someone } = await signUp(api)
    const run = await api.workflow(accountDeletion, { userId: victim.id })
    await run.stepResult('revoke credentials')
    const send = (client: typeof api, path: string, json: unknown) => client.fetch(path, { method: 'POST', json })
    const event = `${BASE}/${run.id}/events/approve`
    expect((await send(someone, event, { approvedBy: 'someone' })).status).toBe(403)
    // The victim's own token was revoked by the step before: it no longer signs anything.
    expect((await send(victimClient, event, { approvedBy: 'me' })).status).toBe(401)
    expect((await send(api, event, { approvedBy: 'nobody' })).status).toBe(401)
    // (A trailing slash is the same route, under the same guard and schema, so it is no spelling to refuse.)
    for (const spelling of ['APPROVE', 'Approve', '%61pprove', 'approve%00', 'approve%2F', 'approve.json'])
      expect(
        (await send(admin, `${BASE}/${run.id}/events/${spelling}`, { approvedBy: 'x' })).status,
        spelling,
      ).toBeGreaterThanOrEqual(400)
    for (const body of [{}, { approvedBy: '' }, { approvedBy: 'x'.repeat(201) }, { approvedBy: ['ops'] }, []]) {
      const res = await send(admin, event, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
    }
    // Another instance's id, percent-encoded or case-changed, is no alias of this one.
    expect((await send(admin, `${BASE}/${run.id.toUpperCase()}/events/approve`, { approvedBy: 'x' })).status).toBe(404)
    expect((await send(admin, `${BASE}/${encodeURIComponent(`${run.id}/`)}events/approve`, {})).status).toBe(404)
    // Still waiting: nothing above reached it. The admin's approval does, once.
    expect(await env.DB.prepare('SELECT id FROM users WHERE id = ?').bind(victim.id).first()).not.toBeNull()
    expect((await send(admin, event, { approvedBy: 'ops' })).status).toBe(202)
    const { status, output, steps } = await run.done()
    expect(status).toBe('complete')
    expect(output?.approvedBy).toBe('ops')
    expect(steps['delete rows']?.runs).toBe(1)
    expect((await send(admin, event, { approvedBy: 'late' })).status).toBe(409)
  })
})
