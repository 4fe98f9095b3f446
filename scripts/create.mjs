// `npm run create -- <dir>`: a new Worker project on the packed core: the starter in scripts/starter (a todos API on
// D1 with filters, ETags, bearer auth on writes, a rate limit, the document at / and /docs, and tests), with the
// core's tarball in vendor/ and the tool versions this repository is tested with.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = join(dirname(fileURLToPath(import.meta.url)), '..')
const target = process.argv[2]
if (!target) {
  console.error('usage: npm run create -- <dir>')
  process.exit(2)
}
const dir = resolve(process.env.INIT_CWD ?? process.cwd(), target)
if (existsSync(dir) && readdirSync(dir).length) {
  console.error(`${dir} exists and is not empty`)
  process.exit(1)
}
const name = basename(dir)
  .toLowerCase()
  .replace(/[^a-z0-9-]+/g, '-')
  .replace(/^-+|-+$/g, '')
const root = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'))
const compatibilityDate = /^compatibility_date = "([^"]+)"/m.exec(readFileSync(join(repo, 'wrangler.toml'), 'utf8'))[1]

// The template, with its placeholders filled in.
const template = join(repo, 'scripts/starter')
cpSync(template, dir, { recursive: true })
const walk = (d) =>
  readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]))
for (const file of walk(dir)) {
  const text = readFileSync(file, 'utf8')
  writeFileSync(file, text.replaceAll('{{name}}', name).replaceAll('{{compatibilityDate}}', compatibilityDate))
}
renameSync(join(dir, 'gitignore'), join(dir, '.gitignore'))

// The core, built and packed into the project, so it installs without a registry.
execFileSync(process.execPath, ['scripts/build-lib.mjs'], { cwd: repo, stdio: 'ignore' })
mkdirSync(join(dir, 'vendor'))
const [packed] = JSON.parse(
  execFileSync('npm', ['pack', './dist', '--pack-destination', join(dir, 'vendor'), '--json'], {
    cwd: repo,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }),
)
const dev = (names) => Object.fromEntries(names.map((n) => [n, root.devDependencies[n]]))
const pkg = {
  name,
  private: true,
  type: 'module',
  scripts: {
    dev: 'wrangler dev --port 8787',
    test: 'edgestar document src/app.ts --out schema/openapi.json && tsc --noEmit && vitest run',
    document: 'edgestar document src/app.ts --out schema/openapi.json',
    token: 'node scripts/token.mjs',
    deploy: 'node scripts/setup.mjs && wrangler d1 migrations apply DB --remote && wrangler deploy',
  },
  dependencies: {
    edgestar: `file:${relative(dir, join(dir, 'vendor', packed.filename))}`,
    valibot: root.dependencies.valibot,
  },
  devDependencies: dev([
    // The testing kit checks every response against the document (contract mode) with it.
    '@cfworker/json-schema',
    '@cloudflare/vitest-plugin',
    '@cloudflare/workers-types',
    '@valibot/to-json-schema',
    'esbuild',
    'node',
    'typescript',
    'vitest',
    'wrangler',
  ]),
  engines: root.engines,
  allowScripts: { esbuild: true, node: true, workerd: true },
}
writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`)
console.log(`
  Created ${relative(process.env.INIT_CWD ?? process.cwd(), dir) || '.'}: a todos API on edgestar.

  cd ${target}
  npm install && npm run dev   # http://localhost:8787/ (the document), /docs, /todos
  npm test
`)
