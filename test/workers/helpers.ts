import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import type { App } from '../../src/core'

/** Sends a request straight to an app's fetch inside workerd, waiting for its background work. */
export async function call(app: App, path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const { json, ...rest } = init
  const headers = new Headers(rest.headers)
  if (json !== undefined) headers.set('content-type', 'application/json')
  const request = new Request(`https://api.test${path}`, {
    ...rest,
    headers,
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  })
  const ctx = createExecutionContext()
  const response = await app.fetch(request, env, ctx)
  await waitOnExecutionContext(ctx)
  return response
}

/** Reads a problem+json body, checking its media type. */
export async function problem(response: Response): Promise<Record<string, unknown>> {
  if (response.headers.get('content-type') !== 'application/problem+json') {
    throw new Error(`expected problem+json, got ${response.headers.get('content-type')}: ${await response.text()}`)
  }
  return response.json()
}

/**
 * The session cookie a response sets (`__Host-sid` or, on plain http, `sid`), or null: writes also set the
 * D1 bookmark cookie, so the header holds more than one.
 */
export const sessionSetCookie = (res: Response): string | null =>
  res.headers.getSetCookie().find((c) => /^(__Host-)?sid=/.test(c)) ?? null
