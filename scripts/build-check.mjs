// Builds the bundle `wrangler deploy` would upload (without uploading) and prints its size, raw and gzipped.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const outdir = '.tmp/deploy-dry-run'
rmSync(outdir, { recursive: true, force: true })
execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--env=', '--outdir', outdir], {
  stdio: ['ignore', 'ignore', 'inherit'],
})
let raw = 0
let gzip = 0
for (const name of readdirSync(outdir)) {
  const file = join(outdir, name)
  if (!statSync(file).isFile() || name.endsWith('.map') || name === 'README.md') continue
  const bytes = readFileSync(file)
  raw += bytes.length
  gzip += gzipSync(bytes, { level: 9 }).length
}
console.log(`wrangler deploy --dry-run: bundle ${(raw / 1024).toFixed(1)} KiB, ${(gzip / 1024).toFixed(1)} KiB gzipped`)
