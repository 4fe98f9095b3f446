// Generates schema/openapi.d.ts, the typed client's types, from schema/openapi.json with openapi-typescript.
// openapi-typescript needs TypeScript 5's JS API while the project compiles with TypeScript 7 (native, no JS API),
// so it lives in tools/openapi-types with its own lockfile, installed with the project (`npm ci` runs this with
// `--install` as its postinstall), so `npm test` installs nothing. `--check` regenerates into a temp file and fails
// when the committed types are stale.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const tool = 'tools/openapi-types'
const cli = join(tool, 'node_modules/openapi-typescript/bin/cli.js')
const target = 'schema/openapi.d.ts'
const check = process.argv.includes('--check')

const install = process.argv.includes('--install')
const lock = join(tool, 'package-lock.json')
const installed = join(tool, 'node_modules/.package-lock.json')
// Current when npm's record of the installed tree is newer than the lockfile: a repeated `npm install` skips it.
const current = existsSync(cli) && existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs
if (install && current) process.exit(0)
if (!existsSync(cli) || install) {
  // A project installed with --ignore-scripts has no tool yet: installed once, from npm's cache when it can be.
  if (!install) console.log(`Installing openapi-typescript into ${tool} (once; \`npm ci\` does it beforehand)`)
  execFileSync('npm', ['ci', '--prefix', tool, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  if (install) process.exit(0)
}
const generate = (out) =>
  execFileSync(process.execPath, [cli, 'schema/openapi.json', '-o', out, '--redocly', join(tool, 'redocly.yaml')], {
    stdio: 'pipe',
  })

if (!check) {
  generate(target)
  console.log(`${target}: generated from schema/openapi.json`)
} else {
  const dir = mkdtempSync(join(tmpdir(), 'openapi-types-'))
  try {
    generate(join(dir, 'openapi.d.ts'))
    if (!existsSync(target) || readFileSync(join(dir, 'openapi.d.ts'), 'utf8') !== readFileSync(target, 'utf8')) {
      console.error(`${target} is stale: run \`npm run schema\` and commit it.`)
      process.exit(1)
    }
    console.log(`${target}: up to date`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
