import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { FLUSH_MS, type RateLimiterObject } from '../../../src/core/rate-limit/rate-limiter-object'

const limiter = (name: string) => env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(`object-test:${name}`))
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
/** The stored log: how many hit keys there are, and how many hits they hold. */
const stored = (stub: ReturnType<typeof limiter>) =>
  runInDurableObject(stub, async (_o: unknown, state) => {
    const all = await state.storage.list<number>()
    const hits = [...all].filter(([k]) => k.startsWith('hit:'))
    return { keys: all.size, hitKeys: hits.length, hits: hits.reduce((sum, [, n]) => sum + n, 0) }
  })
const burst = (stub: ReturnType<typeof limiter>, n: number, limit: number, window = 60) =>
  Promise.all(Array.from({ length: n }, () => stub.hit(limit, window)))

describe('RateLimiterObject', () => {
  it('admits exactly the limit out of 50 concurrent hits, each told a different remaining count', async () => {
    const decisions = await burst(limiter('exact'), 50, 20)
    const admitted = decisions.filter((d) => d.allowed)
    expect(admitted).toHaveLength(20)
    expect(admitted.map((d) => d.remaining).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i))
    expect(decisions.filter((d) => !d.allowed).every((d) => d.remaining === 0)).toBe(true)
  })

  it('writes a hit that finds the object quiet at once, so an eviction right after it keeps it', async () => {
    const stub = limiter('quiet')
    expect(await stub.hit(3, 60)).toMatchObject({ allowed: true, remaining: 2 })
    expect((await stored(stub)).hits).toBe(1)
    await evictDurableObject(stub)
    expect(await stub.hit(3, 60)).toMatchObject({ allowed: true, remaining: 1 })
  })

  it('writes a burst in fewer writes than hits, within the flush interval, and reloads all of it', async () => {
    const stub = limiter('burst')
    await burst(stub, 40, 100)
    await sleep(FLUSH_MS * 4)
    const log = await stored(stub)
    expect(log.hits).toBe(40)
    expect(log.hitKeys).toBeLessThan(40)
    await evictDurableObject(stub)
    expect(await stub.hit(100, 60)).toMatchObject({ allowed: true, remaining: 59 })
    await burst(stub, 59, 100)
    expect(await stub.hit(100, 60)).toMatchObject({ allowed: false, remaining: 0 })
  })

  it('loads a log written one key per hit (the layout before batching)', async () => {
    const stub = limiter('per-hit-layout')
    await runInDurableObject(stub, async (_o: unknown, state) => {
      const expires = String(Date.now() + 60_000).padStart(15, '0')
      await state.storage.put({ [`hit:${expires}:0`]: 1, [`hit:${expires}:1`]: 1 })
    })
    await evictDurableObject(stub)
    expect(await stub.hit(3, 60)).toMatchObject({ allowed: true, remaining: 0 })
    expect(await stub.hit(3, 60)).toMatchObject({ allowed: false })
  })

  it('keeps live hits through an early alarm, and leaves no storage once the window has passed', async () => {
    const stub = limiter('alarm')
    await burst(stub, 10, 100, 1)
    await sleep(FLUSH_MS * 4)
    await runDurableObjectAlarm(stub)
    expect((await stored(stub)).hits).toBe(10)
    await sleep(1100)
    await runDurableObjectAlarm(stub)
    expect((await stored(stub)).keys).toBe(0)
    expect(await runInDurableObject(stub, (_o: unknown, state) => state.storage.getAlarm())).toBeNull()
    // A fresh window after the cleanup, written and reloaded like the first.
    await burst(stub, 3, 5, 1)
    await sleep(FLUSH_MS * 4)
    await evictDurableObject(stub)
    expect(await stub.hit(5, 1)).toMatchObject({ allowed: true, remaining: 1 })
  })

  it('refuses a limit or window that is not positive, counting nothing', async () => {
    const stub = limiter('bad')
    await runInDurableObject(stub, (o: RateLimiterObject) => {
      expect(() => o.hit(0, 60)).toThrow('limit and window must be positive')
      expect(() => o.hit(5, 0)).toThrow('limit and window must be positive')
    })
    expect(await stub.hit(5, 60)).toMatchObject({ allowed: true, remaining: 4 })
  })
})
