// `npm run deploy [-- --env staging] [-- --dry-run]`: the one command for a first and every later deploy.
// Checks the login and secrets, creates missing D1 databases and queues, applies remote migrations, deploys,
// and prints the URLs. Rerunning is safe: every step finds what exists by name. The steps: ./deploy/steps.mjs.
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { unstable_readConfig } from 'wrangler'
import { DeployStop, planFrom, steps } from './deploy/steps.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = join(root, 'node_modules/wrangler/bin/wrangler.js')

/**
 * Runs wrangler without a terminal on stdin, so it never prompts (a declined migration prompt would otherwise
 * let the code ship unmigrated); `echo` streams its output while it is captured.
 */
export function wranglerCli(args, { echo = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
      if (echo) process.stdout.write(d)
    })
    child.stderr.on('data', (d) => {
      stderr += d
      if (echo) process.stderr.write(d)
    })
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }))
  })
}

/** Runs the steps in order, printing each; returns the deployed URLs. */
export async function deploy({ plan, wrangler, vars, log = console.log }) {
  let urls = []
  for (const [i, step] of steps.entries()) {
    log(`\n[${i + 1}/${steps.length}] ${step.title}`)
    const result = await step.run({ wrangler, plan, vars })
    if (Array.isArray(result)) urls = result
    else log(`  ${result}`)
  }
  return urls
}

/** Prints every step and the commands it would run, running none. */
export function dryRun(plan, log = console.log) {
  log(`Deploy plan for ${plan.worker} (${plan.env || 'production'}); --dry-run runs nothing:`)
  for (const [i, step] of steps.entries()) {
    log(`\n[${i + 1}/${steps.length}] ${step.title}`)
    for (const line of step.commands(plan)) log(`  ${line}`)
  }
  log(`\n[then] Print the Worker's URL and its docs page (<url>/docs)`)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { env: { type: 'string', default: '' }, 'dry-run': { type: 'boolean' } } })
  const plan = planFrom(
    unstable_readConfig({ config: join(root, 'wrangler.toml'), env: values.env || undefined }),
    values.env,
  )
  if (values['dry-run']) dryRun(plan)
  else {
    try {
      const urls = await deploy({ plan, wrangler: wranglerCli, vars: process.env })
      console.log(`\nDeployed ${plan.worker} (${plan.env || 'production'}).`)
      if (urls.length === 0) console.log('  No URL was printed: the Worker has routes only (see above).')
      for (const url of urls) console.log(`  API   ${url}/\n  Docs  ${url}/docs`)
    } catch (e) {
      if (!(e instanceof DeployStop)) throw e
      console.error(`\nDeploy stopped: ${e.message}`)
      process.exit(1)
    }
  }
}
