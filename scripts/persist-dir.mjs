// Where `wrangler dev` keeps its local state when started with `--persist-to DIR`. wrangler runs the [build]
// command through a shell without passing its flags on, so the build reads them from the wrangler process above
// it. EDGE_API_PERSIST_TO, when set, wins (scripts and tests that start wrangler themselves).

import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'

/** A process's parent and arguments: /proc on Linux (exact arguments), `ps` elsewhere. */
function processInfo(pid) {
  try {
    if (existsSync(`/proc/${pid}/cmdline`)) {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean)
      // The command name in /proc/<pid>/stat is parenthesised and may hold spaces: the parent follows the last ')'.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      return { ppid, args }
    }
    const line = execFileSync('ps', ['-o', 'ppid=', '-o', 'command=', '-p', String(pid)], { encoding: 'utf8' }).trim()
    const [ppid, ...args] = line.split(/\s+/)
    return { ppid: Number(ppid), args }
  } catch {
    return undefined
  }
}

const flag = (args, name) => {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name) return args[i + 1]
    if (args[i].startsWith(`${name}=`)) return args[i].slice(name.length + 1)
  }
  return undefined
}

/**
 * The `--persist-to` directory of the `wrangler dev` this build runs under, resolved against `cwd`; undefined for
 * wrangler's default state folder (`.wrangler/state`).
 */
export function persistDir(cwd = process.cwd(), env = process.env, from = process.ppid) {
  if (env.EDGE_API_PERSIST_TO) return resolve(cwd, env.EDGE_API_PERSIST_TO)
  let pid = from
  for (let depth = 0; depth < 8 && pid > 1; depth++) {
    const info = processInfo(pid)
    if (!info) return undefined
    const dir = flag(info.args, '--persist-to')
    if (dir) return resolve(cwd, dir)
    // The wrangler process itself, without the flag: the default folder.
    if (info.args.some((a) => /wrangler(\.js)?$|wrangler-dist/.test(a)) && info.args.includes('dev')) return undefined
    pid = info.ppid
  }
  return undefined
}
