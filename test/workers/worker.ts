import { exports } from 'cloudflare:workers'

const worker = exports.default as unknown as Fetcher

/** Sends a request to the Worker's own fetch (the full app, as deployed), with an optional JSON body. */
export function send(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const { json, ...rest } = init
  const headers = new Headers(rest.headers)
  if (json !== undefined) headers.set('content-type', 'application/json')
  return worker.fetch(`https://api.test${path}`, {
    ...rest,
    headers,
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  })
}
