import { appConfig } from '../config'

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
  // Read on every request, so let each location cache it for a minute: a switch takes effect within ~60 s,
  // which KV's eventual consistency allows anyway.
  const stored = await env.CACHE.get<{ retryAfter?: unknown }>(KEY, { type: 'json', cacheTtl: 60 })
  if (!stored) return { enabled: false, retryAfter: 0 }
  const retryAfter = typeof stored.retryAfter === 'number' ? stored.retryAfter : appConfig(env).maintenanceRetryAfter
  return { enabled: true, retryAfter }
}

/** Turns maintenance mode on (with the retry hint) or off. */
export async function writeMaintenance(env: Cloudflare.Env, state: MaintenanceState): Promise<void> {
  if (state.enabled) await env.CACHE.put(KEY, JSON.stringify({ retryAfter: state.retryAfter }))
  else await env.CACHE.delete(KEY)
}
