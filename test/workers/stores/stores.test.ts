import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { defineStores, KvStore, kvStore, MemoryStore, memoryStore, type Store } from '../../../src/core/stores'

const backends: [string, () => Store][] = [
  ['KV', () => kvStore({ binding: (e) => e.CACHE, namespace: 'contract' }).open(env)],
  ['memory', () => memoryStore({ namespace: 'contract' }).open(env)],
]

describe.each(backends)('%s store contract', (_name, open) => {
  it('sets, gets, checks and deletes a value', async () => {
    const store = open()
    expect(await store.get('a')).toBeNull()
    expect(await store.exists('a')).toBe(false)
    await store.set('a', 'one', { ttl: 120 })
    expect(await store.get('a')).toBe('one')
    expect(await store.exists('a')).toBe(true)
    await store.delete('a')
    expect(await store.get('a')).toBeNull()
  })

  it('reports the time a value has left, and null for values without expiry or missing ones', async () => {
    const store = open()
    await store.set('ttl', 'x', { ttl: 300 })
    const left = await store.expiresIn('ttl')
    expect(left).toBeGreaterThan(290)
    expect(left).toBeLessThanOrEqual(300)
    await store.set('forever', 'x')
    expect(await store.expiresIn('forever')).toBeNull()
    expect(await store.expiresIn('missing')).toBeNull()
  })

  it('keeps namespaces apart and deletes one namespace without touching its siblings', async () => {
    const root = open()
    const a = root.namespace('a')
    const b = root.namespace('b')
    await a.set('k', 'from a')
    await b.set('k', 'from b')
    expect(await a.get('k')).toBe('from a')
    expect(await b.get('k')).toBe('from b')
    expect(a.prefix).toBe('contract:a:')
    await a.deleteAll()
    expect(await a.get('k')).toBeNull()
    expect(await b.get('k')).toBe('from b')
  })

  it('refuses namespaces that could collide with another', () => {
    expect(() => open().namespace('x:y')).toThrow(/contain no ':'/)
    expect(() => open().namespace('')).toThrow(/non-empty/)
  })
})

describe('KV rules', () => {
  it('refuses a default expiry under 60 s when the store is defined', () => {
    expect(() => kvStore({ binding: (e) => e.CACHE, defaultTtl: 30 })).toThrow(/below this store's minimum of 60 s/)
  })

  it('refuses a write with an expiry under 60 s and writes nothing', async () => {
    const store = new KvStore(env.CACHE, 'rules:')
    await expect(store.set('short', 'x', { ttl: 10 })).rejects.toThrow(/ttl 10 s is below this store's minimum of 60 s/)
    await expect(store.set('fraction', 'x', { ttl: 90.5 })).rejects.toThrow(/whole number of seconds/)
    expect(await store.exists('short')).toBe(false)
  })

  it('lets the memory store take short expiries, which KV cannot', async () => {
    const store = new MemoryStore()
    await store.set('short', 'x', { ttl: 1 })
    expect(store.rules.minTtl).toBe(1)
    expect(await store.get('short')).toBe('x')
  })
})

describe('store registry', () => {
  const stores = defineStores({
    responseCache: kvStore({ binding: (e) => e.CACHE, namespace: 'rc' }),
    sessions: memoryStore({ namespace: 'sessions' }),
  })

  it('opens named stores on a request env, each under its own prefix', async () => {
    await stores.open('responseCache', env).set('k', 'cached', { ttl: 60 })
    expect(await env.CACHE.get('rc:k')).toBe('cached')
    expect(stores.definition('sessions').kind).toBe('memory')
    expect(stores.names).toEqual(['responseCache', 'sessions'])
  })

  it('names the defined stores when asked for an unknown one', () => {
    expect(() => stores.definition('nope' as 'sessions')).toThrow(
      'No store named "nope"; defined: responseCache, sessions',
    )
  })
})
