// Regenerates schema/openapi.json from the route tree: bundles src/app/api.ts for Node, builds the app, writes the document.
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
    // Durable Object classes import workerd's `cloudflare:workers`; the document needs none of them, so Node gets stand-ins.
    plugins: [
      {
        name: 'workerd-stand-ins',
        setup(b) {
          b.onResolve({ filter: /^cloudflare:/ }, (args) => ({ path: args.path, namespace: 'workerd-stand-in' }))
          b.onLoad({ filter: /.*/, namespace: 'workerd-stand-in' }, () => ({
            contents: 'export class DurableObject {}; export class WorkerEntrypoint {}; export const env = {}',
          }))
        },
      },
    ],
  })
  const { document } = await import(pathToFileURL(outfile).href)
  writeFileSync('schema/openapi.json', `${JSON.stringify(document, null, 2)}\n`)
  console.log(`schema/openapi.json: ${Object.keys(document.paths).length} paths`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
