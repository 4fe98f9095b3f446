import { Router } from 'itty-router'
import { endpoints, PER_ROUTER, type ScaledApp } from './shape'

/** Bare itty-router with n routes in n/10 nested routers (itty's nesting: a base and a catch-all). */
export function buildItty(n: number): ScaledApp {
  const app = Router()
  for (let i = 0; i < n / PER_ROUTER; i++) {
    const sub = Router({ base: `/r${i}` })
    for (let j = 0; j < PER_ROUTER; j++) sub.get(`/item${j}/:id`, () => Response.json({ ok: true }))
    app.all(`/r${i}/*`, sub.fetch)
  }
  return {
    fetch: async (request) => (await app.fetch(request)) ?? new Response(null, { status: 404 }),
    ...endpoints(n),
  }
}
