import { Hono } from 'hono'
import { endpoints, PER_ROUTER, type ScaledApp } from './shape'

/** Hono (default SmartRouter) with n routes in n/10 sub-apps. */
export function buildHono(n: number): ScaledApp {
  const app = new Hono()
  for (let i = 0; i < n / PER_ROUTER; i++) {
    const sub = new Hono()
    for (let j = 0; j < PER_ROUTER; j++) sub.get(`/item${j}/:id`, (c) => c.json({ ok: true }))
    app.route(`/r${i}`, sub)
  }
  return { fetch: (request) => app.fetch(request), ...endpoints(n) }
}
