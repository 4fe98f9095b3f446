// Generates schema/openapi.d.ts, the typed client's types, from schema/openapi.json with openapi-typescript.
// openapi-typescript needs TypeScript 5's JS API while the project compiles with TypeScript 7 (native, no JS API),
// so it lives in tools/openapi-types with its own lockfile, installed here on first use.
// `--check` regenerates into a temp file and fails when the committed types are stale.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const tool = 'tools/openapi-types'
const cli = join(tool, 'node_modules/openapi-typescript/bin/cli.js')
const target = 'schema/openapi.d.ts'
const check = process.argv.includes('--check')

if (!existsSync(cli)) execFileSync('npm', ['ci', '--prefix', tool, '--no-audit', '--no-fund'], { stdio: 'inherit' })
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
