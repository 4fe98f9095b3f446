import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A `wrangler dev` on a free loopback port with its own migrated (and seeded) local state. */
export interface DevServer {
  readonly url: string
  /** The server's local state (`--persist-to`), for `wrangler d1 execute --local --persist-to` in a test. */
  readonly state: string
  readonly output: () => string
  stop(): Promise<void>
}

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

/** Options of a dev server: a config other than wrangler.toml, whether to migrate and seed D1, extra vars. */
export interface DevServerOptions {
  readonly config?: string
  /** Apply the D1 migrations first (default true; configs without D1 say false). */
  readonly migrate?: boolean
  readonly seed?: boolean
  readonly vars?: Record<string, string>
  /** The path that answers once the server is up (default /health). */
  readonly probe?: string
  /** More `wrangler dev` flags, e.g. `--test-scheduled`. */
  readonly args?: readonly string[]
}

/** Starts `wrangler dev` and waits until it answers; state lives in a fresh temp dir. */
export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const state = mkdtempSync(join(tmpdir(), 'edge-api-dev-'))
  const config = options.config ? ['-c', options.config] : []
  const run = (...args: string[]) => execFileSync('npx', ['wrangler', ...args, ...config], { stdio: 'pipe' })
  if (options.migrate !== false) run('d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state)
  if (options.seed && existsSync('schema/seed.sql'))
    run('d1', 'execute', 'DB', '--local', '--persist-to', state, '--file', 'schema/seed.sql')
  const port = await freePort()
  // A fresh checkout has no .dev.vars, so the signing secret comes in as a var; end-to-end suites send many
  // requests from one address, so limits are raised. A test that wants the real values passes its own.
  const all = {
    JWT_SECRET: 'dev-server-test-secret-that-is-long-enough-0123',
    METRICS_PASSWORD: 'dev-server-metrics-password-0123',
    RATE_LIMIT_DEFAULT: '1000000',
    RATE_LIMIT_LOGIN: '1000000',
    RATE_LIMIT_REAUTH: '1000000',
    RATE_LIMIT_REAUTH_ACCOUNT: '1000000',
    RATE_LIMIT_SIGNUP: '1000000',
    ...options.vars,
  }
  const vars = Object.entries(all).flatMap(([k, v]) => ['--var', `${k}:${v}`])
  const child: ChildProcess = spawn(
    'npx',
    [
      'wrangler',
      'dev',
      ...config,
      '--port',
      String(port),
      '--ip',
      '127.0.0.1',
      '--persist-to',
      state,
      '--show-interactive-dev-session=false',
      ...(options.args ?? []),
      ...vars,
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      // The [build] command would also migrate and seed wrangler's default local state; this server has its own.
      env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', EDGE_API_LOCAL_SETUP: 'off' },
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
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break
    try {
      const res = await fetch(`${url}${options.probe ?? '/health'}`)
      await res.arrayBuffer()
      if (res.status < 500) return { url, state, output: () => log, stop }
      await new Promise((r) => setTimeout(r, 250))
    } catch {
      await new Promise((r) => setTimeout(r, 250))
    }
  }
  await stop()
  throw new Error(`wrangler dev did not start on ${url}:\n${log}`)
}
