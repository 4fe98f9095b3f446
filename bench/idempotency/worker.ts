import * as v from 'valibot'
import { createApp, dependency, post, provide, validation } from '../../src/core'
import { defineModel, Repository } from '../../src/core/data'
import { durableLedger, IdempotencyLedger, idempotency, idempotencyRecord } from '../../src/core/idempotency'

export { IdempotencyKeys } from '../../src/app/idempotency/idempotency-keys'

type Env = { DB: D1Database; IDEMPOTENCY: Cloudflare.Env['IDEMPOTENCY'] }

const Note = defineModel({
  table: 'bench_notes',
  fields: { id: v.pipe(v.number(), v.integer()), text: v.string() },
  generated: ['id'],
})
const Notes = dependency<Repository<typeof Note>>('notes')
const Text = v.object({ text: v.pipe(v.string(), v.maxLength(200)) })
const Unrecorded = dependency<Repository<typeof Note>>('unrecorded')
const create = post('/notes', { body: Text, inject: { notes: Notes } }, ({ body, deps }) => deps.notes.add(body))
// The same route on a repository without the record: what the Durable Object part costs on its own.
const createUnrecorded = post('/unrecorded', { body: Text, inject: { notes: Unrecorded } }, ({ body, deps }) =>
  deps.notes.add(body),
)

/** Durable Object calls made by keyed requests: begin, complete, release. */
const calls = { begin: 0, complete: 0, release: 0 }
const keys = idempotency({ binding: (env) => env.IDEMPOTENCY })
// The plugin's own ledger (the app's providers win over its plugins'), counting what it asks the objects: the round trips a keyed write adds.
const counted = provide(IdempotencyLedger, (ctx) => {
  const ledger = durableLedger(ctx.env.IDEMPOTENCY)
  return {
    begin(c, r) {
      calls.begin++
      return ledger.begin(c, r)
    },
    complete(c, k, t, r, e) {
      calls.complete++
      return ledger.complete(c, k, t, r, e)
    },
    release(c, k, t) {
      calls.release++
      return ledger.release(c, k, t)
    },
  }
})
const app = createApp({
  plugins: [validation(), keys],
  dependencies: [
    counted,
    provide(Notes, (ctx) => new Repository(ctx.env.DB, Note, { idempotency: idempotencyRecord(ctx) })),
    provide(Unrecorded, (ctx) => new Repository(ctx.env.DB, Note)),
  ],
  handlers: [create, createUnrecorded],
  idempotency: {},
})

const SCHEMA = [
  'CREATE TABLE IF NOT EXISTS bench_notes (id INTEGER PRIMARY KEY AUTOINCREMENT, text TEXT NOT NULL)',
  'CREATE TABLE IF NOT EXISTS idempotency_records (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, table_name TEXT NOT NULL, row_key NOT NULL, expires_at INTEGER NOT NULL)',
  'CREATE INDEX IF NOT EXISTS idempotency_records_expires_at ON idempotency_records (expires_at)',
]

/** What one driven batch measured: mean ms per request of each kind, and DO calls per keyed request. */
export interface IdempotencyBatch {
  readonly plain: number
  readonly keyed: number
  /** Keyed, on a repository that commits no record: the Durable Object calls alone. */
  readonly keyedUnrecorded: number
  readonly replay: number
  readonly callsPerKeyed: number
  readonly callsPerReplay: number
}

const ctxStub = {
  waitUntil: () => undefined,
  passThroughOnException: () => undefined,
  props: {},
} as unknown as ExecutionContext
const send = async (env: Env, text: string, key?: string, path = '/notes') => {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (key) headers['idempotency-key'] = key
  const req = new Request(`https://bench.local${path}`, { method: 'POST', headers, body: JSON.stringify({ text }) })
  const res = await app.fetch(req, env as unknown as Cloudflare.Env, ctxStub)
  if (res.status !== 201) throw new Error(`${res.status} ${await res.text()}`)
  await res.arrayBuffer()
}
const timed = async (n: number, one: (i: number) => Promise<void>) => {
  // Time in workerd moves only across I/O; every request here does D1 and (keyed) Durable Object I/O.
  const t0 = Date.now()
  for (let i = 0; i < n; i++) await one(i)
  return (Date.now() - t0) / n
}

/**
 * `/drive?n=100&run=x`: n plain creates, n keyed creates (a new key each), and n replays of one key, interleaved
 * in blocks of 10 so drift on a shared machine hits each kind alike, through the app in process (no HTTP).
 */
export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url)
    const n = Number(url.searchParams.get('n') ?? 100)
    const run = url.searchParams.get('run') ?? 'x'
    await env.DB.batch(SCHEMA.map((s) => env.DB.prepare(s)))
    await send(env, 'warm', `${run}-warm`)
    const totals = { plain: 0, keyed: 0, keyedUnrecorded: 0, replay: 0 }
    let keyedCalls = 0
    let replayCalls = 0
    for (let block = 0; block < n / 10; block++) {
      totals.plain += await timed(10, () => send(env, 'plain'))
      const c0 = calls.begin + calls.complete + calls.release
      totals.keyed += await timed(10, (i) => send(env, 'keyed', `${run}-${block}-${i}`))
      keyedCalls += calls.begin + calls.complete + calls.release - c0
      totals.keyedUnrecorded += await timed(10, (i) => send(env, 'keyed', `${run}-u-${block}-${i}`, '/unrecorded'))
      const c1 = calls.begin + calls.complete + calls.release
      totals.replay += await timed(10, () => send(env, 'warm', `${run}-warm`))
      replayCalls += calls.begin + calls.complete + calls.release - c1
    }
    const blocks = n / 10
    return Response.json({
      plain: totals.plain / blocks,
      keyed: totals.keyed / blocks,
      keyedUnrecorded: totals.keyedUnrecorded / blocks,
      replay: totals.replay / blocks,
      callsPerKeyed: keyedCalls / n,
      callsPerReplay: replayCalls / n,
    } satisfies IdempotencyBatch)
  },
}
