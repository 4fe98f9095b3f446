// The steps of `npm run deploy` (scripts/deploy.mjs). Each takes the plan (names read from wrangler.toml) and
// an injected `wrangler(args, { echo })` caller resolving to { code, stdout, stderr }, so tests replay recorded
// answers instead of reaching Cloudflare. A step stops the deploy by throwing DeployStop with what to do.

/** A reason to stop the deploy, addressed to the person running it (printed without a stack, exit 1). */
export class DeployStop extends Error {
  name = 'DeployStop'
}

/** wrangler's flags for an environment; `--env=` names the top level (production) and silences a warning. */
export const envArgs = (env) => (env ? ['--env', env] : ['--env='])
/** The same flag as a person would type it in a printed command. */
const envHint = (env) => (env ? ` --env ${env}` : '')
const cmd = (args) => `npx wrangler ${args.join(' ')}`
const json = (text) => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** What a deploy of one environment touches, from wrangler's resolved configuration of it. */
export function planFrom(config, env = '') {
  const queues = new Set()
  for (const p of config.queues?.producers ?? []) queues.add(p.queue)
  for (const c of config.queues?.consumers ?? []) {
    queues.add(c.queue)
    if (c.dead_letter_queue) queues.add(c.dead_letter_queue)
  }
  const databases = (config.d1_databases ?? []).map((d) => ({ binding: d.binding, name: d.database_name }))
  return { env, worker: config.name, databases, queues: [...queues], secrets: config.secrets?.required ?? [] }
}

/** Logged in, to one account (wrangler cannot choose between several without CLOUDFLARE_ACCOUNT_ID). */
export const checkLogin = {
  title: 'Check the Cloudflare login',
  commands: () => [cmd(['whoami', '--json'])],
  async run({ wrangler, vars }) {
    const who = json((await wrangler(['whoami', '--json'])).stdout)
    if (!who?.loggedIn)
      throw new DeployStop('Not logged in to Cloudflare: run `npx wrangler login` (or set CLOUDFLARE_API_TOKEN).')
    const accounts = who.accounts ?? []
    if (accounts.length > 1 && !vars.CLOUDFLARE_ACCOUNT_ID)
      throw new DeployStop(
        `This login has ${accounts.length} accounts; choose one with CLOUDFLARE_ACCOUNT_ID=<id> npm run deploy:\n` +
          accounts.map((a) => `  ${a.id}  ${a.name}`).join('\n'),
      )
    return `logged in${who.email ? ` as ${who.email}` : ''}`
  },
}

/** The required secrets exist on the Worker; when one is absent, the exact command that sets it. */
export const checkSecrets = {
  title: 'Check the Worker secrets',
  commands: (plan) => [
    cmd(['secret', 'list', '--format', 'json', ...envArgs(plan.env)]),
    ...plan.secrets.map(
      (s) => `  when ${s} is absent, stop and print: npx wrangler secret put ${s}${envHint(plan.env)}`,
    ),
  ],
  async run({ wrangler, plan }) {
    const listed = await wrangler(['secret', 'list', '--format', 'json', ...envArgs(plan.env)])
    // A Worker that does not exist yet has no secrets: `wrangler secret put` creates it with the secret.
    // Any other failure is not an answer, so it stops the deploy rather than claim a secret is missing.
    if (listed.code !== 0 && !/not found/i.test(listed.stderr + listed.stdout))
      throw new DeployStop(`Could not list the secrets of ${plan.worker}:\n${listed.stderr || listed.stdout}`)
    const names = new Set((listed.code === 0 ? (json(listed.stdout) ?? []) : []).map((s) => s.name))
    const missing = plan.secrets.filter((s) => !names.has(s))
    if (missing.length)
      throw new DeployStop(
        `${missing.join(', ')} not set on ${plan.worker}. Set ${missing.length > 1 ? 'them' : 'it'}, then rerun npm run deploy${envHint(plan.env).replace(' --env', ' -- --env')}:\n` +
          missing.map((s) => `  npx wrangler secret put ${s}${envHint(plan.env)}`).join('\n') +
          '\n(for JWT_SECRET, paste 32 or more random characters, e.g. the output of `openssl rand -base64 32`; for\n' +
          'METRICS_PASSWORD, 16 or more: the metrics scraper sends it as Basic `metrics:<password>`)',
      )
    return `${plan.secrets.join(', ') || 'no secrets required'} set`
  },
}

/**
 * The D1 databases exist before their migrations run: `wrangler deploy` would create them too, but only
 * after the code is live. Found by name, so a rerun creates nothing.
 */
export const ensureDatabases = {
  title: 'Create the D1 databases that are missing',
  commands: (plan) => [
    cmd(['d1', 'list', '--json']),
    ...plan.databases.map((d) => `  if missing: ${cmd(['d1', 'create', d.name])}`),
  ],
  async run({ wrangler, plan }) {
    const listed = await wrangler(['d1', 'list', '--json'])
    const existing = listed.code === 0 ? json(listed.stdout) : undefined
    if (!Array.isArray(existing))
      throw new DeployStop(`Could not list the D1 databases:\n${listed.stderr || listed.stdout}`)
    const names = new Set(existing.map((d) => d.name))
    const created = []
    for (const { name } of plan.databases.filter((d) => !names.has(d.name))) {
      // Not echoed: wrangler's advice to paste the new id into the config does not apply (found by name).
      const made = await wrangler(['d1', 'create', name])
      if (made.code !== 0)
        throw new DeployStop(`Could not create the D1 database ${name}:\n${made.stderr || made.stdout}`)
      created.push(name)
    }
    return created.length ? `created ${created.join(', ')}` : 'all exist'
  },
}

/** Every queue the Worker produces to or consumes from, dead-letter queues included (no binding creates those). */
export const ensureQueues = {
  title: 'Create the queues that are missing',
  commands: (plan) =>
    plan.queues.map((q) => `${cmd(['queues', 'info', q])}; if missing: ${cmd(['queues', 'create', q])}`),
  async run({ wrangler, plan }) {
    const created = []
    for (const queue of plan.queues) {
      if ((await wrangler(['queues', 'info', queue])).code === 0) continue
      // An error other than "missing" makes the create fail too, and that stops the deploy with its message.
      const made = await wrangler(['queues', 'create', queue])
      if (made.code !== 0) throw new DeployStop(`Could not create the queue ${queue}:\n${made.stderr || made.stdout}`)
      created.push(queue)
    }
    return created.length ? `created ${created.join(', ')}` : 'all exist'
  },
}

/** Remote migrations before the code that needs them; a failure stops the deploy, so old code keeps running. */
export const applyMigrations = {
  title: 'Apply the D1 migrations remotely',
  commands: (plan) =>
    plan.databases.map((d) => cmd(['d1', 'migrations', 'apply', d.binding, '--remote', ...envArgs(plan.env)])),
  async run({ wrangler, plan }) {
    for (const db of plan.databases) {
      const applied = await wrangler(['d1', 'migrations', 'apply', db.binding, '--remote', ...envArgs(plan.env)], {
        echo: true,
      })
      if (applied.code !== 0)
        throw new DeployStop(
          `The migrations of ${db.name} failed (see above), so nothing was deployed: ${plan.worker} still runs its previous code. Fix the migration and rerun.`,
        )
    }
    return 'up to date'
  },
}

/** The URLs a deploy printed under its triggers: workers.dev, routes with https, custom domains. */
export function deployedUrls(output) {
  const urls = []
  for (const line of output.split('\n')) {
    const url = /^\s+(https:\/\/\S+)/.exec(line)?.[1]
    const domain = /^\s+(\S+) \(custom domain\)/.exec(line)?.[1]
    if (url) urls.push(url.replace(/\/$/, ''))
    else if (domain) urls.push(`https://${domain}`)
  }
  return urls
}

/** `wrangler deploy`, which also creates the KV namespace and R2 bucket on first use and finds them again after. */
export const deployWorker = {
  title: 'Deploy the Worker',
  commands: (plan) => [cmd(['deploy', ...envArgs(plan.env)])],
  async run({ wrangler, plan }) {
    const deployed = await wrangler(['deploy', ...envArgs(plan.env)], { echo: true })
    if (deployed.code !== 0) throw new DeployStop('wrangler deploy failed (see above); the migrations stay applied.')
    return deployedUrls(deployed.stdout)
  },
}

/** In order: the checks that change nothing first, then resources, migrations, and the code last. */
export const steps = [checkLogin, checkSecrets, ensureDatabases, ensureQueues, applyMigrations, deployWorker]
