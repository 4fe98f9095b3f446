import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// wrangler.toml's [build] command, run in a copy of the project as wrangler would run it (WRANGLER_COMMAND set).
let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'edge-api-build-'))
  for (const path of ['scripts', 'schema', 'wrangler.toml', 'package.json'])
    cpSync(path, join(dir, path), { recursive: true })
  symlinkSync(join(process.cwd(), 'node_modules'), join(dir, 'node_modules'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const build = (command: string, extra: Record<string, string> = {}) =>
  execFileSync(process.execPath, [join(dir, 'scripts/build.mjs')], {
    cwd: dir,
    env: { ...process.env, WRANGLER_COMMAND: command, ...extra },
    encoding: 'utf8',
  })

const query = (sql: string, ...where: string[]) =>
  JSON.parse(
    execFileSync(
      process.execPath,
      [
        join(dir, 'node_modules/wrangler/bin/wrangler.js'),
        'd1',
        'execute',
        'DB',
        '--local',
        '--json',
        ...where,
        '--command',
        sql,
      ],
      { cwd: dir, encoding: 'utf8' },
    ),
  )[0].results

describe('the [build] command (scripts/build.mjs)', () => {
  it('under deploy, builds the assets and touches no local state or secrets', () => {
    build('deploy')
    expect(existsSync(join(dir, 'public/docs/scalar.js'))).toBe(true)
    expect(existsSync(join(dir, '.dev.vars'))).toBe(false)
    expect(existsSync(join(dir, '.wrangler'))).toBe(false)
  })

  it('skips the local setup when a test server asks it to', () => {
    build('dev', { EDGE_API_LOCAL_SETUP: 'off' })
    expect(existsSync(join(dir, '.dev.vars'))).toBe(false)
    expect(existsSync(join(dir, '.wrangler'))).toBe(false)
  })

  it('under dev, creates .dev.vars with a generated secret and migrates and seeds local D1, once', () => {
    expect(build('dev')).toContain('Local D1 database migrated')
    const vars = readFileSync(join(dir, '.dev.vars'), 'utf8')
    expect(vars).toMatch(/^JWT_SECRET="[A-Za-z0-9_-]{43}"$/m)
    expect(query('SELECT email FROM users ORDER BY email').map((r: { email: string }) => r.email)).toEqual([
      'admin@example.com',
      'alice@example.com',
      'bob@example.com',
    ])
    expect(vars).toMatch(/^METRICS_PASSWORD="[A-Za-z0-9_-]{24}"$/m)
    // A second start finds the stamp: nothing is rerun, and the secret is kept.
    expect(build('dev')).not.toContain('Local D1 database migrated')
    expect(readFileSync(join(dir, '.dev.vars'), 'utf8')).toBe(vars)
  })

  it('adds a secret that became required to an existing .dev.vars, keeping what it had', () => {
    const old = '# mine\nJWT_SECRET="kept-local-secret-of-at-least-32-chars"\nOTHER=1'
    writeFileSync(join(dir, '.dev.vars'), old)
    expect(build('dev')).toContain('Added to .dev.vars a generated local METRICS_PASSWORD')
    const vars = readFileSync(join(dir, '.dev.vars'), 'utf8')
    expect(vars.startsWith(`${old}\n`)).toBe(true)
    expect(vars.match(/^JWT_SECRET=/gm)).toHaveLength(1)
    expect(vars).toMatch(/^METRICS_PASSWORD="[A-Za-z0-9_-]{24}"$/m)
    expect(build('dev')).not.toContain('.dev.vars')
  })

  // `wrangler dev --persist-to DIR` serves DIR's database: the build migrates that one, not only the default.
  const emails = (state: string) =>
    query('SELECT email FROM users ORDER BY email', '--persist-to', state).map((r: { email: string }) => r.email)

  it('under dev with EDGE_API_PERSIST_TO, migrates and seeds that state folder', () => {
    expect(build('dev', { EDGE_API_PERSIST_TO: 'state-a' })).toContain(`Local D1 database in ${join(dir, 'state-a')}`)
    expect(emails(join(dir, 'state-a'))).toContain('alice@example.com')
    expect(existsSync(join(dir, 'state-a/edge-api-local-db.sha256'))).toBe(true)
    expect(build('dev', { EDGE_API_PERSIST_TO: 'state-a' })).not.toContain('migrated')
  })

  it('reads --persist-to from the wrangler dev command line above it, as `wrangler dev --persist-to DIR` runs it', () => {
    // A stand-in for wrangler: a process whose arguments say `wrangler dev --persist-to state-b`, running the
    // build through a child as wrangler's shell does.
    const spawnBuild = `require('node:child_process').execFileSync(process.execPath, [${JSON.stringify(join(dir, 'scripts/build.mjs'))}], { stdio: 'inherit' })`
    const out = execFileSync(process.execPath, ['-e', spawnBuild, 'wrangler', 'dev', '--persist-to', 'state-b'], {
      cwd: dir,
      env: { ...process.env, WRANGLER_COMMAND: 'dev', EDGE_API_PERSIST_TO: '' },
      encoding: 'utf8',
    })
    expect(out).toContain(`Local D1 database in ${join(dir, 'state-b')}`)
    expect(emails(join(dir, 'state-b'))).toContain('bob@example.com')
  })
})
