import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })

/** A `wrangler dev` for one benchmark config, on a free loopback port. */
export interface BenchServer {
  readonly url: string
  stop(): Promise<void>
}

/** Starts `wrangler dev -c <config>` on 127.0.0.1 and waits until `probe` answers 200. */
export async function startBenchServer(config: string, probe: string): Promise<BenchServer> {
  const state = mkdtempSync(join(tmpdir(), 'edge-api-bench-'))
  const port = await freePort()
  const child: ChildProcess = spawn(
    'npx',
    ['wrangler', 'dev', '-c', config, '--port', String(port), '--ip', '127.0.0.1', '--persist-to', state],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' },
    },
  )
  let log = ''
  child.stdout?.on('data', (d) => (log += d))
  child.stderr?.on('data', (d) => (log += d))
  const url = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((r) => child.once('exit', r))
      process.kill(-child.pid, 'SIGTERM')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
      if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL')
    }
    rmSync(state, { recursive: true, force: true })
  }
  const deadline = Date.now() + 90_000
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(`${url}${probe}`)
      await res.arrayBuffer()
      if (res.status === 200) return { url, stop }
    } catch {}
    await new Promise((r) => setTimeout(r, 250))
  }
  await stop()
  throw new Error(`wrangler dev -c ${config} did not start on ${url}:\n${log}`)
}
