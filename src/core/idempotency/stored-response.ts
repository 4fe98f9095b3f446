/** A response as an idempotency record keeps it, to be replayed to repeats of its request. */
export interface StoredResponse {
  readonly status: number
  /** The headers that describe the result: Content-Type, Location, ETag, Content-Location, Last-Modified. */
  readonly headers: readonly (readonly [string, string])[]
  /** The body's bytes, or null when it was empty or too large to keep (`kept: false`). */
  readonly body: ArrayBuffer | null
  /** False when the body was over `MAX_STORED_BODY`: a repeat is told to read the resource instead. */
  readonly kept: boolean
}

/** The largest body kept for replay, in bytes: creation results are small; a larger one is not kept. */
export const MAX_STORED_BODY = 256 * 1024

/** The header that marks a replayed (or recovered) response. */
export const REPLAYED = 'idempotent-replayed'

const KEPT_HEADERS = ['content-type', 'location', 'etag', 'content-location', 'last-modified']

/**
 * Reads what a first response said, with the headers the route added (`ctx.responseHeaders`, applied to the
 * response only after every stage), and gives back a response with the same bytes for the client.
 */
export async function captureResponse(
  response: Response,
  added: Headers,
): Promise<{ stored: StoredResponse; response: Response }> {
  const headers: [string, string][] = []
  for (const name of KEPT_HEADERS) {
    const value = added.get(name) ?? response.headers.get(name)
    if (value !== null) headers.push([name, value])
  }
  const bytes = response.body ? await response.arrayBuffer() : null
  const kept = !bytes || bytes.byteLength <= MAX_STORED_BODY
  const stored: StoredResponse = {
    status: response.status,
    headers,
    body: kept && bytes?.byteLength ? bytes : null,
    kept,
  }
  return { stored, response: new Response(bytes, response) }
}

/** The stored response again, marked as a replay. */
export function replayResponse(stored: StoredResponse): Response {
  const headers = new Headers(stored.headers as [string, string][])
  headers.set(REPLAYED, 'true')
  return new Response(stored.body?.byteLength ? stored.body.slice(0) : null, {
    status: stored.status,
    headers,
  })
}
