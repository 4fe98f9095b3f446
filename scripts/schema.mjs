// Regenerates schema/openapi.json and schema/asyncapi.json from the route tree: bundles src/app/api.ts for Node, builds the app, writes the document.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const dir = mkdtempSync(join(tmpdir(), 'schema-'))
try {
  const outfile = join(dir, 'api.mjs')
  await build({
    entryPoints: ['scripts/document-entry.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'warning',
  })
  const { document, asyncapi } = await import(pathToFileURL(outfile).href)
  writeFileSync('schema/openapi.json', `${JSON.stringify(document, null, 2)}\n`)
  console.log(`schema/openapi.json: ${Object.keys(document.paths).length} paths`)
  writeFileSync('schema/asyncapi.json', `${JSON.stringify(asyncapi, null, 2)}\n`)
  console.log(`schema/asyncapi.json: ${Object.keys(asyncapi.channels).length} channels`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
