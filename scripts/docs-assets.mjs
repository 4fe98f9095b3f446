// Builds public/, the Worker's static assets: the docs page and the Scalar bundle copied from node_modules,
// so the page works offline and no CDN is involved; and the committed OpenAPI documents (3.1 JSON, its 3.2 twin,
// YAML) and AsyncAPI document, which the Worker serves from there (`assetDocumentRoutes`, `fromAssets`) rather than
// from its bundle, where they would be most of its bytes, with none of the code that derives one form from another.
// Run by `npm run dev`, `npm test`, deploy and vitest's config.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'public')
const page = join(root, 'scripts/docs-page')
const scalarDir = join(root, 'node_modules/@scalar/api-reference')
const scalar = join(scalarDir, JSON.parse(readFileSync(join(scalarDir, 'package.json'), 'utf8')).browser)

// Overwrites in place, never empties the folder: a running `wrangler dev` keeps serving while this runs.
mkdirSync(join(out, 'docs'), { recursive: true })
// docs.html is served at /docs (html_handling drops the extension); its scripts live under /docs/.
copyFileSync(join(page, 'docs.html'), join(out, 'docs.html'))
copyFileSync(join(page, '_headers'), join(out, '_headers'))
copyFileSync(join(page, 'init.js'), join(out, 'docs/init.js'))
copyFileSync(scalar, join(out, 'docs/scalar.js'))
// wrangler.toml routes these paths to the Worker first (run_worker_first), which serves them with the API's headers.
// The OpenAPI JSON forms are served compact, as JSON.stringify writes them (the committed files are indented).
for (const name of ['openapi.json', 'openapi-3.2.json']) {
  const compact = JSON.stringify(JSON.parse(readFileSync(join(root, 'schema', name), 'utf8')))
  writeFileSync(join(out, name), compact)
}
for (const name of ['openapi.yaml', 'asyncapi.json']) copyFileSync(join(root, 'schema', name), join(out, name))
