import { env } from 'cloudflare:workers'

/**
 * Every row of every application table, every KV entry and every R2 object key, to prove nothing changed.
 * `withoutResponseCache` leaves out the response cache's entries, which valid GETs are meant to fill.
 */
export async function snapshot({ withoutResponseCache = false } = {}): Promise<string> {
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations' ORDER BY name",
  ).all<{ name: string }>()
  const out: Record<string, unknown> = {}
  for (const { name } of tables.results) {
    out[`d1:${name}`] = (await env.DB.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()).results
  }
  const kv = await env.CACHE.list()
  for (const key of kv.keys) {
    if (withoutResponseCache && key.name.startsWith('cache:')) continue
    out[`kv:${key.name}`] = await env.CACHE.get(key.name)
  }
  const r2 = await env.FILES.list()
  for (const object of r2.objects) out[`r2:${object.key}`] = object.etag
  return JSON.stringify(out)
}
