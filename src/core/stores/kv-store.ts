import { boundedKey } from '../kernel/bounded-key'
import { checkTtl, childPrefix, type SetOptions, type Store, type StoreDefinition, type StoreRules } from './store'

/** Workers KV's contract: expiry of at least 60 s, one write per key per second, eventually consistent. */
export const KV_RULES: StoreRules = { minTtl: 60 }

interface Meta {
  /** Expiry in epoch seconds, kept beside the value because KV's get does not return it. */
  readonly exp?: number
}

// KV refuses keys over 512 bytes; a prefix plus a bounded key stays well under it.
const keyIn = (prefix: string, key: string) => boundedKey(key).then((k) => prefix + k)

/** A Store on a Workers KV namespace; keys longer than 256 bytes are stored under their SHA-256. */
export class KvStore implements Store {
  readonly rules = KV_RULES

  constructor(
    private readonly kv: KVNamespace,
    readonly prefix = '',
    private readonly defaultTtl?: number,
  ) {
    if (defaultTtl !== undefined) checkTtl(KV_RULES, defaultTtl, 'KV store default')
  }

  async get(key: string): Promise<string | null> {
    return this.kv.get(await keyIn(this.prefix, key))
  }

  async set(key: string, value: string, options: SetOptions = {}): Promise<void> {
    const ttl = options.ttl ?? this.defaultTtl
    if (ttl !== undefined) checkTtl(KV_RULES, ttl, `KV key "${this.prefix + key.slice(0, 64)}"`)
    const meta: Meta = ttl === undefined ? {} : { exp: Math.floor(Date.now() / 1000) + ttl }
    await this.kv.put(
      await keyIn(this.prefix, key),
      value,
      ttl === undefined ? { metadata: meta } : { expirationTtl: ttl, metadata: meta },
    )
  }

  async delete(key: string): Promise<void> {
    await this.kv.delete(await keyIn(this.prefix, key))
  }

  async deleteAll(): Promise<void> {
    let cursor: string | undefined
    do {
      const page: KVNamespaceListResult<unknown> = await this.kv.list({ prefix: this.prefix, cursor })
      await Promise.all(page.keys.map((k) => this.kv.delete(k.name)))
      cursor = page.list_complete ? undefined : page.cursor
    } while (cursor)
  }

  async exists(key: string): Promise<boolean> {
    return (await this.kv.get(await keyIn(this.prefix, key))) !== null
  }

  async expiresIn(key: string): Promise<number | null> {
    const { value, metadata } = await this.kv.getWithMetadata<Meta>(await keyIn(this.prefix, key))
    if (value === null || metadata?.exp === undefined) return null
    return Math.max(0, metadata.exp - Math.floor(Date.now() / 1000))
  }

  namespace(ns: string): Store {
    return new KvStore(this.kv, childPrefix(this.prefix, ns), this.defaultTtl)
  }
}

/**
 * Defines a KV-backed store; the binding is looked up per request, never kept.
 * @example const responseCache = kvStore({ binding: (env) => env.CACHE, namespace: 'cache' })
 */
export function kvStore<Env = Cloudflare.Env>(options: {
  binding: (env: Env) => KVNamespace
  namespace?: string
  /** Expiry of writes that name none; at least 60 s. */
  defaultTtl?: number
}): StoreDefinition<Env> {
  const prefix = options.namespace ? childPrefix('', options.namespace) : ''
  if (options.defaultTtl !== undefined) checkTtl(KV_RULES, options.defaultTtl, `KV store "${prefix}"`)
  return {
    kind: 'kv',
    rules: KV_RULES,
    open: (env) => new KvStore(options.binding(env), prefix, options.defaultTtl),
  }
}
