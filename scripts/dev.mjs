// `npm run dev`: `wrangler dev` on a fixed port, after printing where everything is. Plain `npx wrangler dev`
// does the same work: its [build] command (scripts/build.mjs) builds the assets, creates .dev.vars and
// migrates and seeds the local D1 database.
import { spawn } from 'node:child_process'

const port = process.env.PORT ?? '8787'
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
