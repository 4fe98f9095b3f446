import { execFileSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { unstable_readConfig } from 'wrangler'
import { assetDocumentRoutes } from '../../src/core'

const root = process.cwd()
const wrangler = join(root, 'node_modules/wrangler/bin/wrangler.js')
const configs = { production: undefined, staging: 'staging' } as const
// Ids that name no real resource: all zeros, x-runs, angle-bracket or "your-…" placeholders.
const PLACEHOLDER = /^(0[0-9-]*|[x-]+|<.*>|your[-_].*|replace[-_]?me.*)$/i

describe('wrangler.toml works on anyone’s account', () => {
  for (const [name, env] of Object.entries(configs)) {
    it(`${name}: has no placeholder resource ids, and names every resource wrangler provisions`, () => {
      const config = unstable_readConfig({ config: join(root, 'wrangler.toml'), env })
      const ids = [
        ...config.d1_databases.flatMap((d: { database_id?: string; preview_database_id?: string }) => [
          d.database_id,
          d.preview_database_id,
        ]),
        ...config.kv_namespaces.flatMap((k: { id?: string; preview_id?: string }) => [k.id, k.preview_id]),
      ].filter((id): id is string => typeof id === 'string')
      expect(ids.filter((id) => PLACEHOLDER.test(id))).toEqual([])
      for (const d of config.d1_databases) expect(d.database_name, d.binding).toMatch(/^edge-api/)
      for (const b of config.r2_buckets) expect(b.bucket_name, b.binding).toMatch(/^edge-api/)
      expect(config.secrets?.required).toContain('JWT_SECRET')
      expect(config.build.command).toBe('node scripts/build.mjs')
    })
  }

  it('sends every document the Worker serves from its assets to the Worker first, which adds the API headers', () => {
    const config = unstable_readConfig({ config: join(root, 'wrangler.toml') })
    // `/` is no asset (public/ has no index), so it reaches the Worker anyway.
    const served = [...assetDocumentRoutes().map((r) => r.path), '/asyncapi.json'].filter((p) => p !== '/')
    expect([...((config.assets?.run_worker_first ?? []) as string[])].sort()).toEqual(served.sort())
  })

  it('binds the same names in staging as in production (bindings are not inherited by environments)', () => {
    const bindings = (env?: string) => {
      const c = unstable_readConfig({ config: join(root, 'wrangler.toml'), env })
      return [
        ...c.d1_databases.map((d: { binding: string }) => `d1 ${d.binding}`),
        ...c.kv_namespaces.map((k: { binding: string }) => `kv ${k.binding}`),
        ...c.r2_buckets.map((b: { binding: string }) => `r2 ${b.binding}`),
        ...c.durable_objects.bindings.map((d: { name: string; class_name: string }) => `do ${d.name} ${d.class_name}`),
        ...(c.queues.producers ?? []).map((q: { binding: string }) => `queue ${q.binding}`),
      ].sort()
    }
    expect(bindings('staging')).toEqual(bindings())
  })

  it('gives staging resource names of its own', () => {
    const names = (env?: string) => {
      const c = unstable_readConfig({ config: join(root, 'wrangler.toml'), env })
      return [
        c.name,
        ...c.d1_databases.map((d: { database_name?: string }) => d.database_name),
        ...c.r2_buckets.map((b: { bucket_name?: string }) => b.bucket_name),
        ...(c.queues.producers ?? []).map((q: { queue: string }) => q.queue),
        ...(c.queues.consumers ?? []).flatMap((q: { queue: string; dead_letter_queue?: string }) => [
          q.queue,
          q.dead_letter_queue,
        ]),
      ].filter(Boolean)
    }
    const production = names()
    const staging = names('staging')
    expect(staging.length).toBe(production.length)
    expect(staging.filter((n) => production.includes(n))).toEqual([])
  })

  it('has worker-configuration.d.ts equal to what `wrangler types --include-runtime=false` generates', () => {
    // Beside the committed file: the import specifiers, and so the hash, depend on the output's directory.
    const out = join(root, `.worker-configuration.drift-${process.pid}.d.ts`)
    try {
      execFileSync(process.execPath, [wrangler, 'types', out, '--include-runtime=false'], { cwd: root, stdio: 'pipe' })
      // The header records the command line, which names the output file; the content hash beside it must match.
      const normal = (text: string) => text.replace(/`wrangler types[^`]*`/, '`wrangler types`')
      const committed = readFileSync(join(root, 'worker-configuration.d.ts'), 'utf8')
      expect(normal(committed), 'stale: run `npm run types`').toBe(normal(readFileSync(out, 'utf8')))
    } finally {
      rmSync(out, { force: true })
    }
  })
})
