import type { Store } from '../stores/store'

const PLACEHOLDER = /\{(\w+)\}/g

/** Tag names a route uses, with `{param}` placeholders; each must name one of the route's path parameters. */
export function checkTags(tags: readonly string[], path: string, where: string): void {
  const params = new Set([...path.matchAll(/:(\w+)/g)].map((m) => m[1]))
  for (const tag of tags) {
    if (tag.includes(' ')) throw new Error(`${where}: cache tag "${tag}" must not contain spaces`)
    for (const m of tag.matchAll(PLACEHOLDER))
      if (!params.has(m[1]))
        throw new Error(`${where}: cache tag "${tag}" uses {${m[1]}}, which is not a path parameter`)
  }
}

/**
 * Fills `{param}` from the validated path parameters, so every spelling of one id (`%37`, `07`, `7`) names one
 * tag. Long values are bounded by the store, which keys them by their hash.
 */
export function fillTags(tags: readonly string[], params: unknown): string[] {
  const values = (params ?? {}) as Readonly<Record<string, unknown>>
  return tags.map((tag) => tag.replace(PLACEHOLDER, (_, name: string) => String(values[name] ?? '')))
}

/** The current version of each tag; a tag never purged is at version '0'. */
export async function tagVersions(store: Store, tags: readonly string[]): Promise<Record<string, string>> {
  const values = await Promise.all(tags.map((t) => store.get(t)))
  const out: Record<string, string> = {}
  tags.forEach((t, i) => {
    out[t] = values[i] ?? '0'
  })
  return out
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Makes every entry tagged with any of `tags` stale by moving the tag to a new version: one write per tag,
 * no scan. KV takes one write per key per second, so a refused write is retried once after a second.
 */
export async function purgeTags(store: Store, tags: readonly string[], ttl: number): Promise<void> {
  const bump = (tag: string) => store.set(tag, `${Date.now().toString(36)}.${crypto.randomUUID().slice(0, 8)}`, { ttl })
  await Promise.all(
    tags.map(async (tag) => {
      try {
        await bump(tag)
      } catch {
        await sleep(1100)
        await bump(tag)
      }
    }),
  )
}
