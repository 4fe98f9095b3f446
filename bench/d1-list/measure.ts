import { startDevServer } from '../../test/node/dev-server'
import { type HttpResult, hammer } from '../http'

/** What the D1 list section measured: each URL's throughput, and the URLs themselves. */
export interface D1ListResult {
  readonly note: string
  readonly results: Record<string, HttpResult>
}

const check = async (url: string, items: (body: Record<string, unknown>) => unknown[]) => {
  const res = await fetch(url)
  const body = (await res.json()) as Record<string, unknown>
  if (res.status !== 200 || items(body).length !== 20) throw new Error(`${url}: ${res.status} ${JSON.stringify(body)}`)
  return body
}

/**
 * Serves both list endpoints from one wrangler dev over one seeded D1 table and hammers a filtered first page and a
 * filtered second page of each: ours by cursor (`next` of the first page), chanfana by offset (`page=2`).
 */
export async function d1ListRuns(): Promise<D1ListResult> {
  const server = await startDevServer({ config: 'bench/wrangler.d1-list.toml', probe: '/ours/posts' })
  try {
    const ours = `${server.url}/ours/posts?authorId=7&per_page=20`
    const first = await check(ours, (b) => b.items as unknown[])
    const oursNext = `${ours}&cursor=${first.next as string}`
    await check(oursNext, (b) => b.items as unknown[])
    const theirs = `${server.url}/chanfana/posts?author_id=7&per_page=20`
    await check(theirs, (b) => b.result as unknown[])
    await check(`${theirs}&page=2`, (b) => b.result as unknown[])
    return {
      note: 'One wrangler dev, one local D1 table of 5,000 posts; 20 rows of author 7 (100 rows) per page.',
      results: {
        'ours: filter, first page': await hammer(ours),
        'ours: filter, cursor page 2': await hammer(oursNext),
        'chanfana D1ListEndpoint: filter, page 1': await hammer(theirs),
        'chanfana D1ListEndpoint: filter, page 2': await hammer(`${theirs}&page=2`),
      },
    }
  } finally {
    await server.stop()
  }
}
