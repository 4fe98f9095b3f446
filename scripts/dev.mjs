// `npm run dev`: build the docs page's assets, migrate and seed the local D1 database, then serve with `wrangler dev`.
import { execFileSync, spawn } from 'node:child_process'
import { copyFileSync, existsSync } from 'node:fs'

const port = process.env.PORT ?? '8787'
const wrangler = (...args) => execFileSync('npx', ['wrangler', ...args], { stdio: 'inherit' })

if (!existsSync('.dev.vars') && existsSync('.dev.vars.example')) {
  copyFileSync('.dev.vars.example', '.dev.vars')
  console.log('Created .dev.vars from .dev.vars.example (local secrets only).')
}
execFileSync(process.execPath, ['scripts/docs-assets.mjs'], { stdio: 'inherit' })
wrangler('d1', 'migrations', 'apply', 'DB', '--local')
if (existsSync('schema/seed.sql')) wrangler('d1', 'execute', 'DB', '--local', '--file', 'schema/seed.sql')

const base = `http://localhost:${port}`
console.log(`
  API            ${base}/
  Docs page      ${base}/docs  (also at ${base}/ in a browser)
  Document       ${base}/openapi.json  ${base}/openapi.yaml  (and ${base}/ for API clients)
  Try            ${base}/greet?name=Bob
  Users          ${base}/users?search=alice  (seeded: see README)
`)
const dev = spawn('npx', ['wrangler', 'dev', '--port', port, '--ip', '127.0.0.1', ...process.argv.slice(2)], {
  stdio: 'inherit',
})
dev.on('exit', (code) => process.exit(code ?? 0))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => dev.kill(signal))
