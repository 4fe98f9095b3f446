import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SESSION_ABSOLUTE, SESSION_IDLE } from '../../../src/app/auth/sessions'
import { REFRESH_TOKEN_TTL } from '../../../src/app/auth/tokens'
import worker from '../../../src/app/index'
import { apiClient, createUser } from '../kit'

afterEach(() => vi.restoreAllMocks())

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
const rows = async (table: 'sessions' | 'refresh_families') =>
  (await env.DB.prepare(`SELECT id FROM ${table} ORDER BY id`).all<{ id: string }>()).results.map((r) => r.id)

describe('the nightly purge', () => {
  it('deletes expired sessions and dead refresh families, and keeps live ones', async () => {
    const admin = await apiClient().as({ role: 'admin' })
    const { user } = await createUser(admin)
    const now = Date.now()
    const session = (id: string, createdAgo: number, seenAgo: number) =>
      env.DB.prepare('INSERT INTO sessions (id, subject, created_at, seen_at) VALUES (?, ?, ?, ?)').bind(
        id,
        String(user.id),
        now - createdAgo,
        now - seenAgo,
      )
    const family = (id: string, createdAgo: number, refreshedAgo: number | null, revokedAgo: number | null) =>
      env.DB.prepare(
        'INSERT INTO refresh_families (id, user_id, created_at, refreshed_at, revoked_at) VALUES (?, ?, ?, ?, ?)',
      ).bind(
        id,
        user.id,
        now - createdAgo,
        refreshedAgo === null ? null : now - refreshedAgo,
        revokedAgo === null ? null : now - revokedAgo,
      )
    await env.DB.batch([
      session('s-live', MINUTE, MINUTE),
      session('s-idle', 2 * SESSION_IDLE * 1000, 2 * SESSION_IDLE * 1000),
      session('s-too-old', SESSION_ABSOLUTE * 1000 + 10 * MINUTE, MINUTE),
      family('f-live', DAY, null, null),
      family('f-revoked', DAY, null, MINUTE),
      family('f-expired', REFRESH_TOKEN_TTL * 1000 + DAY, null, null),
      family('f-refreshed', REFRESH_TOKEN_TTL * 1000 + DAY, DAY, null),
      family('f-stale', 3 * REFRESH_TOKEN_TTL * 1000, REFRESH_TOKEN_TTL * 1000 + DAY, null),
      ...[
        ['k-live', now + DAY],
        ['k-expired', now - MINUTE],
      ].map(([key, expires]) =>
        env.DB.prepare(
          "INSERT INTO idempotency_records (key, fingerprint, table_name, row_key, expires_at) VALUES (?, 'f', 'posts', 1, ?)",
        ).bind(key, expires),
      ),
    ])
    const lines: Record<string, unknown>[] = []
    vi.spyOn(console, 'log').mockImplementation((l: string) => void lines.push(JSON.parse(l)))

    const ctx = createExecutionContext()
    await worker.scheduled(createScheduledController({ cron: '0 3 * * *' }), env, ctx)
    await waitOnExecutionContext(ctx)

    expect(await rows('sessions')).toEqual(['s-live'])
    expect((await rows('refresh_families')).filter((id) => id.startsWith('f-'))).toEqual(['f-live', 'f-refreshed'])
    const keys = await env.DB.prepare("SELECT key FROM idempotency_records WHERE key LIKE 'k-%' ORDER BY key").all()
    expect(keys.results.map((r) => r.key)).toEqual(['k-live'])
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: 'job done',
        job: 'purge-expired',
        runId: expect.any(String),
        result: { sessions: 2, refreshFamilies: 3, idempotencyRecords: 1 },
      }),
    )
  })

  it('keeps a login that refreshed lately: a refresh records when its family last issued a token', async () => {
    const api = apiClient()
    const admin = await api.as({ role: 'admin' })
    const { user } = await createUser(admin, { password: 'a-long-password' })
    const login = await api.fetch('/auth/login', {
      method: 'POST',
      json: { email: user.email, password: 'a-long-password' },
    })
    const { refreshToken } = (await login.json()) as { refreshToken: string }
    const before = Date.now()
    expect((await api.fetch('/auth/refresh', { method: 'POST', json: { refreshToken } })).status).toBe(200)
    const row = await env.DB.prepare('SELECT refreshed_at FROM refresh_families WHERE user_id = ?')
      .bind(user.id)
      .first<{ refreshed_at: number | null }>()
    expect(row?.refreshed_at).toBeGreaterThanOrEqual(before)
  })

  it('runs through the testing kit too: client.scheduled and client.queue reach the reference triggers', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {})
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const old = Date.now() - 2 * SESSION_ABSOLUTE * 1000
    await env.DB.prepare('INSERT INTO sessions (id, subject, created_at, seen_at) VALUES (?, ?, ?, ?)')
      .bind('kit-expired', '1', old, old)
      .run()
    const client = apiClient()
    await client.scheduled('0 3 * * *')
    expect(await rows('sessions')).not.toContain('kit-expired')
    const outcome = await client.queue('edge-api-events', [{ id: 'x', body: 'not an event message' }])
    expect(outcome).toEqual({ acked: ['x'], retried: [] })
  })
})
