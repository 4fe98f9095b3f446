import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

/** The repository's root, and a tool from its node_modules/.bin. */
export const repo = join(import.meta.dirname, '../..')
export const bin = (name: string) => join(repo, 'node_modules/.bin', name)

/**
 * Runs a command in `cwd` and returns its output; a failure throws with the output. No metrics are sent and no
 * colour codes are printed, so a test can read what a tool says.
 */
export const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', FORCE_COLOR: '0', NO_COLOR: '1' },
  })
