import autocannon from 'autocannon'

/** Requests per second and latency of one autocannon run. */
export interface HttpResult {
  readonly rps: number
  readonly p50: number
  readonly p99: number
  readonly errors: number
  readonly non2xx: number
}

/** Bounds of every HTTP run: loopback only, a fixed time and connection count. */
export const HTTP_BOUNDS = { duration: 5, connections: 10 } as const

/** Hammers one URL with autocannon for HTTP_BOUNDS. */
export async function hammer(url: string): Promise<HttpResult> {
  const result = await autocannon({ url, ...HTTP_BOUNDS })
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  }
}
