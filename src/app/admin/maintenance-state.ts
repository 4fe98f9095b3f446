// Maintenance mode is one KV entry (the stores layer): present while on, absent while off.
const KEY = 'admin:maintenance'

/** Whether maintenance mode is on, and what `Retry-After` tells clients meanwhile. */
export interface MaintenanceState {
  readonly enabled: boolean
  /** Seconds clients should wait before retrying. */
  readonly retryAfter: number
}

/** Reads maintenance mode; off unless the KV entry says otherwise. */
export async function readMaintenance(env: Cloudflare.Env): Promise<MaintenanceState> {
  const stored = await env.CACHE.get<{ retryAfter?: unknown }>(KEY, 'json')
  if (!stored) return { enabled: false, retryAfter: 0 }
  const retryAfter = typeof stored.retryAfter === 'number' ? stored.retryAfter : 300
  return { enabled: true, retryAfter }
}

/** Turns maintenance mode on (with the retry hint) or off. */
export async function writeMaintenance(env: Cloudflare.Env, state: MaintenanceState): Promise<void> {
  if (state.enabled) await env.CACHE.put(KEY, JSON.stringify({ retryAfter: state.retryAfter }))
  else await env.CACHE.delete(KEY)
}
