import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { countBindings } from '../../../src/core/testing'

describe('countBindings', () => {
  it('finds the storage bindings by kind and leaves vars alone', () => {
    const counted = countBindings(env)
    expect(counted.kinds).toMatchObject({
      DB: 'd1',
      CACHE: 'kv',
      FILES: 'r2',
      EVENTS: 'queue',
      RATE_LIMITER: 'durableObject',
    })
    expect(counted.env.APP_VERSION).toBe(env.APP_VERSION)
  })

  it('counts D1 outside a session on the primary, and splits a session by where each call may run', async () => {
    const counted = countBindings(env)
    const db = counted.env.DB
    await db.prepare('SELECT 1').first()
    expect(counted.counts()).toEqual({ 'DB:primary': 1 })

    counted.reset()
    const read = db.withSession('first-unconstrained')
    await read.prepare('SELECT 1').first()
    await read.prepare('SELECT ?').bind(2).all()
    await read.prepare('UPDATE users SET name = name WHERE id = 0').run()
    expect(counted.counts()).toEqual({ 'DB:replica': 2, 'DB:primary': 1 })

    counted.reset()
    const write = db.withSession('first-primary')
    await write.prepare('SELECT 1').first()
    await write.prepare('SELECT 1').first()
    await write.batch([write.prepare('SELECT 1'), write.prepare('DELETE FROM users WHERE id = 0')])
    await write.batch([write.prepare('SELECT 1'), write.prepare('SELECT 2')])
    expect(counted.counts()).toEqual({ 'DB:primary': 2, 'DB:replica': 2 })
  })

  it('counts each KV and R2 call, and each call on a Durable Object stub but not the making of ids', async () => {
    const counted = countBindings(env)
    await counted.env.CACHE.get('nothing')
    await counted.env.CACHE.put('counted', '1')
    await counted.env.FILES.head('nothing')
    const id = counted.env.RATE_LIMITER.idFromName('counted')
    const stub = counted.env.RATE_LIMITER.get(id)
    expect(counted.counts()).toEqual({ CACHE: 2, FILES: 1 })
    expect(await stub.ping()).toBe('pong')
    expect(counted.counts()).toEqual({ CACHE: 2, FILES: 1, RATE_LIMITER: 1 })
  })
})
