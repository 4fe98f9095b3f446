// `npm run bench:auth`: the added cost of checking credentials against the database on every request, under
// wrangler dev (local D1 and KV: SQLite files on this machine, so absolute numbers are far below a
// deployment's; the differences between routes are what this shows). Interleaved rounds, medians.
import { startDevServer } from '../test/node/dev-server'

const ROUTES = ['/none', '/verify-only', '/checked', '/session-d1', '/session-kv'] as const
const ROUNDS = 400
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

const server = await startDevServer({ config: 'bench/wrangler.auth.toml', probe: '/none' })
try {
  const setup = (await (await fetch(`${server.url}/setup`, { method: 'POST' })).json()) as {
    verifyOnly: string
    checked: string
    sid: string
  }
  const headers: Record<(typeof ROUTES)[number], Record<string, string>> = {
    '/none': {},
    '/verify-only': { authorization: `Bearer ${setup.verifyOnly}` },
    '/checked': { authorization: `Bearer ${setup.checked}` },
    '/session-d1': { cookie: `d1=${setup.sid}`, 'sec-fetch-site': 'same-origin' },
    '/session-kv': { cookie: `kv=${setup.sid}`, 'sec-fetch-site': 'same-origin' },
  }
  const wall: Record<string, number[]> = Object.fromEntries(ROUTES.map((r) => [r, []]))
  const inWorker: Record<string, number[]> = Object.fromEntries(ROUTES.map((r) => [r, []]))
  for (let round = 0; round < ROUNDS; round++) {
    for (const route of [...ROUTES].sort(() => Math.random() - 0.5)) {
      const t = performance.now()
      const res = await fetch(`${server.url}${route}`, { headers: headers[route] })
      await res.arrayBuffer()
      if (res.status !== 200) throw new Error(`${route}: ${res.status}`)
      wall[route]!.push(performance.now() - t)
      inWorker[route]!.push(Number(res.headers.get('x-elapsed-ms')))
    }
  }
  const rows = ROUTES.map((r) => ({
    route: r,
    'HTTP median ms': median(wall[r]!).toFixed(3),
    'in-worker median ms': median(inWorker[r]!).toFixed(1),
    'in-worker mean ms': (inWorker[r]!.reduce((a, b) => a + b, 0) / ROUNDS).toFixed(2),
  }))
  console.table(rows)
  const added = median(wall['/checked']!) - median(wall['/verify-only']!)
  console.log(`added by the D1 account check per bearer request (HTTP medians): ${added.toFixed(3)} ms`)
} finally {
  await server.stop()
}
