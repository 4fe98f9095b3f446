import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import type { StoredResponse } from '../../../src/core/idempotency'

const objectFor = (name: string) => env.IDEMPOTENCY.get(env.IDEMPOTENCY.idFromName(`object-test:${name}`))
const answer: StoredResponse = { status: 201, headers: [['location', '/x/1']], body: null, kept: true }
const stored = (stub: ReturnType<typeof objectFor>) =>
  runInDurableObject(stub, async (_o: unknown, state) => [...(await state.storage.list()).keys()])
const begin = (stub: ReturnType<typeof objectFor>, key: string, now: number, fingerprint = 'f') =>
  stub.begin({ key, fingerprint, now, ttl: 1000, lease: 500 })

describe('IdempotencyObject', () => {
  it('decides run, busy, mismatch and replay; a released key runs again', async () => {
    const stub = objectFor('decide')
    const now = Date.now()
    const first = await begin(stub, 'k', now)
    expect(first.kind).toBe('run')
    expect(await begin(stub, 'k', now + 1)).toMatchObject({ kind: 'busy', retryAfter: 1 })
    expect(await begin(stub, 'k', now + 1, 'other')).toEqual({ kind: 'mismatch' })
    // A lease that ran out is taken over; the old holder can no longer store its answer.
    const second = await begin(stub, 'k', now + 600)
    expect(second.kind).toBe('run')
    if (first.kind !== 'run' || second.kind !== 'run') throw new Error('expected runs')
    expect(await stub.complete('k', first.token, answer, now + 1000)).toBe(false)
    expect(await stub.complete('k', second.token, answer, now + 1000)).toBe(true)
    expect(await begin(stub, 'k', now + 700)).toEqual({ kind: 'replay', response: answer })
    expect(await begin(stub, 'k', now + 700, 'other')).toEqual({ kind: 'mismatch' })
    const third = await begin(stub, 'j', now)
    if (third.kind !== 'run') throw new Error('expected a run')
    await stub.release('j', third.token)
    expect((await begin(stub, 'j', now)).kind).toBe('run')
  })

  it('keeps an answer across an eviction, and its alarm deletes it once expired (a newer record stays)', async () => {
    const stub = objectFor('expiry')
    const now = Date.now()
    const old = await begin(stub, 'k', now)
    if (old.kind !== 'run') throw new Error('expected a run')
    await stub.complete('k', old.token, answer, now + 50)
    await evictDurableObject(stub)
    expect((await begin(stub, 'k', now + 10)).kind).toBe('replay')
    // Used again after it expired (the Worker's clock ahead of the alarm): a newer record under the same key.
    const again = await begin(stub, 'k', now + 60)
    if (again.kind !== 'run') throw new Error('expected a run')
    await stub.complete('k', again.token, answer, now + 60_000)
    await new Promise((r) => setTimeout(r, 80))
    await runDurableObjectAlarm(stub)
    expect((await begin(stub, 'k', now + 100)).kind).toBe('replay')
    expect((await stored(stub)).filter((k) => k.startsWith('e:'))).toHaveLength(1)
  })

  it('sweeps more expired keys than one storage call may delete: every record goes, over as many alarms as it takes', async () => {
    const stub = objectFor('sweep')
    const now = Date.now()
    for (let i = 0; i < 150; i++) {
      const run = await begin(stub, `k${i}`, now)
      if (run.kind !== 'run') throw new Error('expected a run')
      await stub.complete(`k${i}`, run.token, answer, now + 20)
    }
    await new Promise((r) => setTimeout(r, 40))
    for (let i = 0; i < 3 && (await stored(stub)).length; i++) await runDurableObjectAlarm(stub)
    expect(await stored(stub)).toEqual([])
  })
})
