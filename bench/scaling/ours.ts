import { type AnyHandler, createApp, get, router } from '../../src/core'
import { endpoints, PER_ROUTER, type ScaledApp } from './shape'

/** This project with n routes in n/10 routers. */
export function buildOurs(n: number): ScaledApp {
  const routers = []
  for (let i = 0; i < n / PER_ROUTER; i++) {
    const handlers: AnyHandler[] = []
    for (let j = 0; j < PER_ROUTER; j++) handlers.push(get(`/item${j}/:id`, () => ({ ok: true })))
    routers.push(router({ path: `/r${i}`, handlers }))
  }
  const app = createApp({ handlers: routers })
  const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext
  return { fetch: (request) => app.fetch(request, {} as Cloudflare.Env, ctx), ...endpoints(n) }
}
