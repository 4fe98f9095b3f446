import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { unstable_readConfig } from 'wrangler'
import { DeployStop, deployedUrls, planFrom } from '../../scripts/deploy/steps.mjs'
import { deploy, dryRun } from '../../scripts/deploy.mjs'

// Answers in the shapes wrangler 4.164 prints (see its whoami, d1 list --json, secret list, queues info and
// deploy commands); each key is the wrangler argv joined by spaces.
type Answer = { code: number; stdout: string; stderr: string }
const ok = (stdout = ''): Answer => ({ code: 0, stdout, stderr: '' })
const fail = (stderr: string): Answer => ({ code: 1, stdout: '', stderr })
const WHOAMI = ok(
  JSON.stringify({
    loggedIn: true,
    authType: 'OAuth Token',
    email: 'me@example.com',
    accounts: [{ id: 'a1', name: 'Mine' }],
  }),
)
const DEPLOYED = ok(
  [
    'Total Upload: 385.80 KiB / gzip: 67.53 KiB',
    'Uploaded edge-api (4.12 sec)',
    'Deployed edge-api triggers (1.05 sec)',
    '  https://edge-api.me.workers.dev',
    '  api.example.com (custom domain)',
    'Current Version ID: 0f5c8a2e-1d1b-4c1e-9a77-3f0f6f5d2b11',
  ].join('\n'),
)
const NOT_FOUND = fail(
  '✘ [ERROR] Worker "edge-api" not found.\n\nIf this is a new Worker, run `wrangler deploy` first to create it.',
)
const QUEUE_MISSING = fail('✘ [ERROR] A request to the Cloudflare API failed.\n  Queue does not exist [code: 11000]')

/** A fake wrangler: replays answers by argv (first match of a prefix wins) and records every call. */
function fakeWrangler(answers: Record<string, Answer>) {
  const calls: string[] = []
  const wrangler = async (args: string[]) => {
    const line = args.join(' ')
    calls.push(line)
    const key = Object.keys(answers).find((k) => line === k || line.startsWith(`${k} `))
    if (!key) throw new Error(`unexpected wrangler call: ${line}`)
    return answers[key]!
  }
  return { wrangler, calls }
}

const config = (env?: string) => unstable_readConfig({ config: join(process.cwd(), 'wrangler.toml'), env })
const production = planFrom(config(), '')
const staging = planFrom(config('staging'), 'staging')
const quiet = () => {}

const existing = {
  'whoami --json': WHOAMI,
  'secret list --format json --env=': ok(
    JSON.stringify([
      { name: 'JWT_SECRET', type: 'secret_text' },
      { name: 'METRICS_PASSWORD', type: 'secret_text' },
    ]),
  ),
  'd1 list --json': ok(JSON.stringify([{ uuid: 'u1', name: 'edge-api' }])),
  'queues info edge-api-events': ok('Queue Name: edge-api-events'),
  'queues info edge-api-events-dlq': ok('Queue Name: edge-api-events-dlq'),
  'd1 migrations apply DB --remote --env=': ok('✅ No migrations to apply!'),
  'deploy --env=': DEPLOYED,
}

describe('npm run deploy (scripts/deploy.mjs) against a recorded wrangler', () => {
  it('reads separate names for production and staging from wrangler.toml', () => {
    expect(production).toEqual({
      env: '',
      worker: 'edge-api',
      databases: [{ binding: 'DB', name: 'edge-api' }],
      queues: ['edge-api-events', 'edge-api-events-dlq'],
      secrets: ['JWT_SECRET', 'METRICS_PASSWORD'],
    })
    expect(staging).toEqual({
      env: 'staging',
      worker: 'edge-api-staging',
      databases: [{ binding: 'DB', name: 'edge-api-staging' }],
      queues: ['edge-api-staging-events', 'edge-api-staging-events-dlq'],
      secrets: ['JWT_SECRET', 'METRICS_PASSWORD'],
    })
  })

  it('stops a first deploy without JWT_SECRET before touching anything, printing the exact command', async () => {
    const { wrangler, calls } = fakeWrangler({ 'whoami --json': WHOAMI, 'secret list': NOT_FOUND })
    const run = deploy({ plan: staging, wrangler, vars: {}, log: quiet })
    await expect(run).rejects.toBeInstanceOf(DeployStop)
    await expect(run).rejects.toThrow('  npx wrangler secret put JWT_SECRET --env staging\n')
    await expect(run).rejects.toThrow('  npx wrangler secret put METRICS_PASSWORD --env staging\n')
    expect(calls).toEqual(['whoami --json', 'secret list --format json --env staging'])
  })

  it('stops on a secret list that fails for another reason, rather than call the secret missing', async () => {
    const { wrangler } = fakeWrangler({ 'whoami --json': WHOAMI, 'secret list': fail('✘ [ERROR] fetch failed') })
    const run = deploy({ plan: production, wrangler, vars: {}, log: quiet })
    await expect(run).rejects.toThrow('Could not list the secrets of edge-api:\n✘ [ERROR] fetch failed')
  })

  it('creates the missing database and queues, migrates, then deploys and returns the URLs', async () => {
    const { 'queues info edge-api-events': _q, 'queues info edge-api-events-dlq': _d, ...rest } = existing
    const { wrangler, calls } = fakeWrangler({
      ...rest,
      'd1 list --json': ok('[]'),
      'd1 create edge-api': ok('✅ Successfully created DB'),
      'queues info': QUEUE_MISSING,
      'queues create': ok('✅ Created queue'),
    })
    const urls = await deploy({ plan: production, wrangler, vars: {}, log: quiet })
    expect(urls).toEqual(['https://edge-api.me.workers.dev', 'https://api.example.com'])
    expect(calls).toEqual([
      'whoami --json',
      'secret list --format json --env=',
      'd1 list --json',
      'd1 create edge-api',
      'queues info edge-api-events',
      'queues create edge-api-events',
      'queues info edge-api-events-dlq',
      'queues create edge-api-events-dlq',
      'd1 migrations apply DB --remote --env=',
      'deploy --env=',
    ])
  })

  it('creates nothing on a rerun', async () => {
    const { wrangler, calls } = fakeWrangler(existing)
    await deploy({ plan: production, wrangler, vars: {}, log: quiet })
    expect(calls.filter((c) => c.includes('create'))).toEqual([])
    expect(calls.at(-1)).toBe('deploy --env=')
  })

  it('never deploys code whose migration failed', async () => {
    const { wrangler, calls } = fakeWrangler({
      ...existing,
      'd1 migrations apply DB --remote --env=': fail('✘ [ERROR] near "CREAT": syntax error at offset 0: SQLITE_ERROR'),
    })
    await expect(deploy({ plan: production, wrangler, vars: {}, log: quiet })).rejects.toThrow(
      'The migrations of edge-api failed (see above), so nothing was deployed',
    )
    expect(calls).not.toContain('deploy --env=')
  })

  it('stops when not logged in, or when wrangler would have to pick one of several accounts', async () => {
    const out = fakeWrangler({ 'whoami --json': { code: 1, stdout: '{"loggedIn":false}', stderr: '' } })
    await expect(deploy({ plan: production, wrangler: out.wrangler, vars: {}, log: quiet })).rejects.toThrow(
      'npx wrangler login',
    )
    const accounts = [
      { id: 'a1', name: 'Mine' },
      { id: 'a2', name: 'Work' },
    ]
    const two = ok(JSON.stringify({ loggedIn: true, accounts }))
    const many = fakeWrangler({ ...existing, 'whoami --json': two })
    await expect(deploy({ plan: production, wrangler: many.wrangler, vars: {}, log: quiet })).rejects.toThrow(
      'CLOUDFLARE_ACCOUNT_ID=<id>',
    )
    expect(many.calls).toEqual(['whoami --json'])
    const chosen = fakeWrangler({ ...existing, 'whoami --json': two })
    await deploy({ plan: production, wrangler: chosen.wrangler, vars: { CLOUDFLARE_ACCOUNT_ID: 'a2' }, log: quiet })
    expect(chosen.calls.at(-1)).toBe('deploy --env=')
  })

  it('prints every step of a dry run with its commands and runs none', () => {
    const lines: string[] = []
    dryRun(staging, (line: string) => lines.push(line))
    const text = lines.join('\n')
    for (const command of [
      'npx wrangler whoami --json',
      'npx wrangler secret put JWT_SECRET --env staging',
      'npx wrangler d1 create edge-api-staging',
      'npx wrangler queues create edge-api-staging-events-dlq',
      'npx wrangler d1 migrations apply DB --remote --env staging',
      'npx wrangler deploy --env staging',
    ])
      expect(text).toContain(command)
    expect(text.indexOf('migrations apply')).toBeLessThan(text.indexOf('wrangler deploy'))
  })

  it('reads workers.dev URLs and custom domains from the deploy output, nothing else', () => {
    expect(deployedUrls(DEPLOYED.stdout)).toEqual(['https://edge-api.me.workers.dev', 'https://api.example.com'])
    expect(deployedUrls('Uploaded edge-api (1 sec)\nNo deploy targets for edge-api')).toEqual([])
  })
})
