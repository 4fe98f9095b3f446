import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DevServer, startDevServer } from './dev-server'
import { bin, repo, run } from './run-tool'

// The core as someone else's Worker gets it: built, packed, installed from the tarball, bundled by wrangler.
describe('the packed core in a fresh Worker project', () => {
  const dir = mkdtempSync(join(tmpdir(), 'edgestar-package-'))
  const project = join(dir, 'hello-edge')
  let server: DevServer | undefined

  beforeAll(() => {
    run('node', ['scripts/build-lib.mjs'], repo)
    const [packed] = JSON.parse(run('npm', ['pack', './dist', '--pack-destination', dir, '--json'], repo)) as {
      filename: string
    }[]
    cpSync(join(repo, 'test/package'), project, { recursive: true })
    const root = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'))
    // The package's runtime dependencies come from the repository's node_modules (an override per package), so
    // the install reads nothing from the registry: `--offline` fails the test if it ever would.
    const local = (name: string) => `file:${join(repo, 'node_modules', name)}`
    const runtime = Object.keys(root.dependencies as Record<string, string>)
    const pkg = {
      name: 'hello-edge',
      private: true,
      type: 'module',
      dependencies: { edgestar: `file:${join(dir, packed!.filename)}`, valibot: local('valibot') },
      overrides: Object.fromEntries(runtime.map((name) => [name, local(name)])),
    }
    writeFileSync(join(project, 'package.json'), JSON.stringify(pkg, null, 2))
    run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], project)
    // Only the Workers runtime types come from the repository, standing in for the user's own devDependency.
    symlinkSync(join(repo, 'node_modules/@cloudflare'), join(project, 'node_modules/@cloudflare'), 'dir')
  }, 300_000)
  afterAll(async () => {
    await server?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('installs with only its runtime dependencies, none of the repository tools', () => {
    const installed = JSON.parse(readFileSync(join(project, 'node_modules/edgestar/package.json'), 'utf8'))
    expect(installed.private).toBeUndefined()
    expect(Object.keys(installed.dependencies).sort()).toEqual(['itty-router', 'jose', 'valibot'])
    expect(existsSync(join(project, 'node_modules/wrangler'))).toBe(false)
    expect(existsSync(join(project, 'node_modules/@valibot/to-json-schema'))).toBe(false)
  })

  it("carries the descriptions the core's doc comments give, as the reference's document shows them", () => {
    const events = readFileSync(join(project, 'node_modules/edgestar/events.js'), 'utf8')
    expect(events).toContain('"Durable event listeners: one message per listener of an emitted event."')
    expect(events).toContain('"Event messages whose retries ran out, or that were no event messages: logged as lost."')
  })

  it('type-checks against the published .d.ts: typed env, subpath entries, internals unreachable', () => {
    expect(() => run(bin('tsc'), ['-p', '.'], project)).not.toThrow()
  })

  it("types a plugin's option only where the plugin is imported", () => {
    expect(() => run(bin('tsc'), ['-p', 'tsconfig.unplugged.json'], project)).not.toThrow()
  })

  it('refuses to build an app whose rateLimit and cache no plugin owns', () => {
    const script = `import('edgestar').then(({ createApp, router, get }) => {
      for (const option of [{ rateLimit: [{ limit: 1, window: 60, key: 'ip' }] }, { cache: { ttl: 300 } }])
        try { createApp({ handlers: [router({ ...option, handlers: [get('/x', () => 'x')] })] }); console.log('built') }
        catch (e) { console.log(e.message) }
    })`
    const out = run('node', ['--input-type=module', '-e', script], project)
    expect(out).toContain(
      'Route GET /x sets the option "rateLimit" (on the router at /), which no registered plugin owns',
    )
    expect(out).toContain('Route GET /x sets the option "cache" (on the router at /)')
    expect(out).not.toContain('built')
  })

  it('refuses a route declaring a schema without validation(), and builds it with the plugin', () => {
    const script = `Promise.all([import('edgestar'), import('valibot')]).then(([{ createApp, get, validation }, v]) => {
      const greet = get('/greet', { query: v.object({ name: v.string() }) }, ({ query }) => query.name)
      try { createApp({ handlers: [greet] }); console.log('built without') } catch (e) { console.log(e.message) }
      createApp({ plugins: [validation()], handlers: [greet] }); console.log('built with')
    })`
    const out = run('node', ['--input-type=module', '-e', script], project)
    expect(out).toContain(
      'Route GET /greet sets the option "query", which no registered plugin owns: add validation() to createApp({ plugins })',
    )
    expect(out).not.toContain('built without')
    expect(out).toContain('built with')
  })

  it('builds with wrangler deploy --dry-run, without the build-time schema converter', () => {
    run(bin('wrangler'), ['deploy', '--dry-run', '--outdir', 'out'], project)
    const bundle = readFileSync(join(project, 'out/index.js'), 'utf8')
    expect(bundle).toContain('No route for')
    expect(bundle).not.toContain('toJsonSchema')
  })

  it('serves requests under workerd (wrangler dev): typed query, env binding, problem+json for bad input', async () => {
    server = await startDevServer({ config: join(project, 'wrangler.toml'), migrate: false, probe: '/greet?name=x' })
    const ok = await fetch(`${server.url}/greet?name=Ada`)
    expect(await ok.json()).toEqual({ message: 'Hello, Ada!' })
    const bad = await fetch(`${server.url}/greet`)
    expect(bad.status).toBe(400)
    expect(bad.headers.get('content-type')).toBe('application/problem+json')
    expect(await bad.json()).toMatchObject({ errors: [{ in: 'query', name: 'name' }] })
  })
})
