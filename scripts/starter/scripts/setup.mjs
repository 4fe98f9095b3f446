// wrangler.toml's [build] command: writes schema/openapi.json from the routes, and under `wrangler dev` creates a
// .dev.vars with a generated JWT_SECRET and applies the D1 migrations locally (to --persist-to's folder if given).
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'

/** The command lines of the processes above this one (wrangler's among them), where the system shows them. */
function ancestors() {
  const lines = []
  let pid = process.ppid
  for (let i = 0; i < 5 && pid > 1; i++) {
    try {
      lines.push(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' '))
      pid = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1])
    } catch {
      break
    }
  }
  return lines.join('\n')
}

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' })
run('npx', ['edgestar', 'document', 'src/app.ts', '--out', 'schema/openapi.json'])
if (process.env.WRANGLER_COMMAND === 'dev') {
  if (!existsSync('.dev.vars'))
    writeFileSync(
      '.dev.vars',
      `# Local secrets for wrangler dev (git-ignored).\nJWT_SECRET="${randomBytes(32).toString('base64url')}"\n`,
    )
  // wrangler dev's own command line says where its local state lives.
  const persist = /--persist-to[= ](\S+)/.exec(ancestors())?.[1]
  run('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', ...(persist ? ['--persist-to', persist] : [])])
}
