import { accountState } from '../../src/app/auth/accounts'
import { createApp, get, post, sha256Hex } from '../../src/core'
import {
  bearerJwt,
  cookieSession,
  d1SessionStore,
  InvalidCredentials,
  type SessionRecord,
  type SessionStore,
} from '../../src/core/auth'

// A KV session store, only to measure the alternative the reference API did not take (see docs/security.md).
const kvStore: SessionStore = {
  create: (env, s) => env.CACHE.put(`s:${s.id}`, JSON.stringify(s)),
  get: async (env, id) => ((await env.CACHE.get(`s:${id}`, 'json')) as SessionRecord | null) ?? undefined,
  touch: async () => {},
  delete: (env, id) => env.CACHE.delete(`s:${id}`),
  deleteSubject: async () => {},
}
const base = { issuer: 'bench', audience: 'bench', secret: (env: Cloudflare.Env) => env.JWT_SECRET }
const verifyOnly = bearerJwt({ ...base, name: 'verifyOnly', principal: (c) => ({ id: Number(c.sub) }) })
// What the reference API does on every bearer request: the same one-query account check.
const checked = bearerJwt({
  ...base,
  name: 'checked',
  principal: async (c, { env }) => {
    const state = await accountState(env.DB, Number(c.sub), c.fam as string | undefined)
    if (!state || state.credentialVersion !== c.ver || (c.fam && state.activeFamily === null))
      throw new InvalidCredentials('revoked')
    return { id: Number(c.sub) }
  },
})
const loadUser = async (s: SessionRecord, { env }: { env: Cloudflare.Env }) => {
  if (!(await accountState(env.DB, Number(s.subject)))) throw new InvalidCredentials('gone')
  return { id: Number(s.subject) }
}
const d1Sessions = cookieSession({
  name: 'd1',
  cookie: 'd1',
  store: d1SessionStore((env) => env.DB),
  principal: loadUser,
})
const kvSessions = cookieSession({ name: 'kv', cookie: 'kv', store: kvStore, principal: loadUser })
const ok = () => ({ ok: true })

const app = createApp({
  dependencies: [
    ...verifyOnly.dependencies,
    ...checked.dependencies,
    ...d1Sessions.dependencies,
    ...kvSessions.dependencies,
  ],
  handlers: [
    get('/none', {}, ok),
    get('/verify-only', { guards: [verifyOnly.required()] }, ok),
    get('/checked', { guards: [checked.required()] }, ok),
    get('/session-d1', { guards: [d1Sessions.required()] }, ok),
    get('/session-kv', { guards: [kvSessions.required()] }, ok),
    // One user, a login family, and one session id stored in both stores.
    post('/setup', {}, async ({ env }) => {
      const user = await env.DB.prepare(
        "INSERT INTO users (name, email, age, password_hash) VALUES ('Bench', ?, 30, 'x') RETURNING id",
      )
        .bind(`bench-${crypto.randomUUID()}@example.test`)
        .first<{ id: number }>()
      const family = crypto.randomUUID()
      await env.DB.prepare('INSERT INTO refresh_families (id, user_id, created_at) VALUES (?, ?, ?)')
        .bind(family, user!.id, Date.now())
        .run()
      const claims = { sub: String(user!.id), ver: 1, fam: family }
      const sid = 'B'.repeat(43)
      const record = { id: await sha256Hex(sid), subject: String(user!.id), createdAt: Date.now(), seenAt: Date.now() }
      await d1SessionStore((e) => e.DB).create(env, record)
      await kvStore.create(env, record)
      return {
        verifyOnly: await verifyOnly.sign(env, claims, 3600),
        checked: await checked.sign(env, claims, 3600),
        sid,
      }
    }),
  ],
})

/** The app, with its own wall time in a header: workerd's clock moves across I/O, which is what is measured. */
export default {
  async fetch(request: Request, env: Cloudflare.Env, ctx: ExecutionContext): Promise<Response> {
    const start = Date.now()
    const res = await app.fetch(request, env, ctx)
    const out = new Response(res.body, res)
    out.headers.set('x-elapsed-ms', String(Date.now() - start))
    return out
  },
}
