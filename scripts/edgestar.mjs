#!/usr/bin/env node
// `edgestar document <module>`: writes the OpenAPI (and, with --asyncapi, the AsyncAPI) document of the app a
// module exports. The module is bundled for Node with esbuild, the Workers-only `cloudflare:*` modules stubbed and
// the document file itself read as `{}` (an app that serves its own document imports the file it is generating),
// so a Worker's own entry or app module can be named as it is. A handler's doc comment becomes its operation's
// description (doc-comments.mjs) and an object schema field's its field's (field-comments.mjs), so the words cost
// the Worker's bundle nothing. Shipped in the package as its bin;
// the repository runs this same file (`--core src/core`).
//
//   edgestar document src/app.ts --out schema/openapi.json [--openapi32 schema/openapi-3.2.json]
//     [--yaml schema/openapi.yaml] [--html public/docs.html] [--asyncapi schema/asyncapi.json] [--check]
//
// The app is the module's `app` export, else its default export (an App: `createApp(...)`); the document's info is
// its `info` export, else the nearest package.json's name and version; AsyncAPI info is `asyncApiInfo`; how the
// stages of plugins other than edgestar's own appear in the document is its `stageDescriptions` export (a list of
// StageDescription, which the Worker's entry does not import, so its bundle leaves them out). --openapi32
// also writes its OpenAPI 3.2 twin (streams described by `itemSchema`, see toOpenApi32), --yaml the document as YAML
// and --html the built-in docs page (docsHtml): the forms a Worker serves from its static assets
// (assetDocumentRoutes) instead of deriving them. --check
// writes nothing and exits 1 when a committed document is stale.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { withDocComments } from './doc-comments.mjs'
import { withFieldComments } from './field-comments.mjs'

const usage =
  'usage: edgestar document <module> --out <openapi.json> [--openapi32 <file>] [--yaml <file>] [--html <file>] [--asyncapi <asyncapi.json>] [--check]'
const [command, entry, ...rest] = process.argv.slice(2)
const flag = (name) => {
  const i = rest.indexOf(name)
  return i === -1 ? undefined : rest[i + 1]
}
if (command !== 'document' || !entry) {
  console.error(usage)
  process.exit(2)
}
const out = flag('--out') ?? 'schema/openapi.json'
const asyncOut = flag('--asyncapi')
const out32 = flag('--openapi32')
const outYaml = flag('--yaml')
const outHtml = flag('--html')
const core = flag('--core') ?? 'edgestar'
const check = rest.includes('--check')

let esbuild
try {
  esbuild = await import('esbuild')
} catch {
  console.error('edgestar document needs esbuild: npm install --save-dev esbuild')
  process.exit(2)
}

const outputs = [out, out32, outYaml, outHtml, asyncOut].filter(Boolean).map((f) => resolve(f))
const coreSpec = (sub) => (core === 'edgestar' ? `edgestar/${sub}` : `./${join(core, sub)}`)
const main = `
import * as mod from './${entry}'
import { createApp } from '${core === 'edgestar' ? 'edgestar' : `./${core}`}'
import { docsHtml, generateDocument, toOpenApi32, toYaml } from '${coreSpec('openapi')}'
${asyncOut ? `import { generateAsyncApi } from '${coreSpec('asyncapi')}'` : ''}
const isApp = (x) => x && typeof x === 'object' && Array.isArray(x.routes) && typeof x.fetch === 'function'
const isOptions = (x) => x && typeof x === 'object' && Array.isArray(x.handlers)
const pick = (x) => (isApp(x) ? x : isOptions(x) ? createApp(x) : undefined)
const app = pick(mod.app) ?? pick(mod.default) ?? pick(mod.api)
if (!app) throw new Error('${entry} exports no app: export const app = createApp(...) (or export default it)')
export const info = mod.info
export const document = (info) => generateDocument(app, info, { stageDescriptions: mod.stageDescriptions })
export const asyncapi = ${asyncOut ? '(info) => generateAsyncApi(app, info)' : 'undefined'}
export const asyncApiInfo = mod.asyncApiInfo
export { docsHtml, toOpenApi32, toYaml }
`
// Inside the project, so the bundle's external packages resolve from its node_modules.
const cache = join(process.cwd(), 'node_modules/.cache/edgestar')
mkdirSync(cache, { recursive: true })
const dir = mkdtempSync(join(cache, 'document-'))
try {
  const outfile = join(dir, 'document.mjs')
  await esbuild.build({
    stdin: { contents: main, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'warning',
    // The module need not have every export the entry looks for.
    logOverride: { 'import-is-undefined': 'silent' },
    external: ['@valibot/to-json-schema'],
    plugins: [
      {
        name: 'edgestar-document',
        setup(build) {
          // The runtime's own modules have no Node counterpart; the document needs only their names.
          build.onResolve({ filter: /^cloudflare:/ }, (args) => ({ path: args.path, namespace: 'cloudflare-stub' }))
          // Any name imported from them is a stand-in class (DurableObject, WorkflowEntrypoint, tracing, ...).
          build.onLoad({ filter: /.*/, namespace: 'cloudflare-stub' }, () => ({
            contents: 'module.exports = new Proxy({}, { get: (_, name) => name === "__esModule" ? false : class {} })',
            loader: 'js',
          }))
          // The document being generated, when the app imports it, is read as empty.
          build.onResolve({ filter: /\.json$/ }, (args) => {
            const path = resolve(args.resolveDir, args.path)
            return outputs.includes(path) ? { path, namespace: 'document-stub' } : undefined
          })
          build.onLoad({ filter: /.*/, namespace: 'document-stub' }, () => ({ contents: '{}', loader: 'json' }))
          // A handler's doc comment becomes its description (doc-comments.mjs), an object schema field's its
          // field's (field-comments.mjs); only this build reads the comments.
          build.onLoad({ filter: /\.[cm]?tsx?$/ }, (args) => {
            if (args.path.includes('/node_modules/')) return undefined
            const source = readFileSync(args.path, 'utf8')
            const contents = withFieldComments(withDocComments(source))
            return contents === source ? undefined : { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' }
          })
        },
      },
    ],
  })
  const made = await import(pathToFileURL(outfile).href)
  const packageInfo = () => {
    for (let d = process.cwd(); ; d = dirname(d)) {
      const file = join(d, 'package.json')
      if (existsSync(file)) {
        const { name, version } = JSON.parse(readFileSync(file, 'utf8'))
        return { title: name ?? 'API', version: version ?? '0.0.0' }
      }
      if (dirname(d) === d) return { title: 'API', version: '0.0.0' }
    }
  }
  const json = (doc) => `${JSON.stringify(doc, null, 2)}\n`
  const document = made.document(made.info ?? packageInfo())
  // Each file, its text and what it holds; YAML and the page are written as the Worker would derive them.
  const docs = [[out, json(document), document]]
  if (out32) docs.push([out32, json(made.toOpenApi32(document)), document])
  if (outYaml) docs.push([outYaml, made.toYaml(document), document])
  if (outHtml) docs.push([outHtml, made.docsHtml(document)])
  if (asyncOut) {
    const asyncapi = made.asyncapi(made.asyncApiInfo ?? made.info ?? packageInfo())
    docs.push([asyncOut, json(asyncapi), asyncapi])
  }
  let stale = false
  for (const [file, text, doc] of docs) {
    if (check) {
      if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
        console.error(`${file} is stale: run \`edgestar document ${entry} --out ${out}\` and commit it`)
        stale = true
      }
    } else {
      mkdirSync(dirname(resolve(file)), { recursive: true })
      writeFileSync(file, text)
      if (!doc) console.log(`${file}: the docs page`)
      else
        console.log(
          `${file}: ${Object.keys(doc.paths ?? doc.channels ?? {}).length} ${doc.paths ? 'paths' : 'channels'}`,
        )
    }
  }
  if (stale) process.exitCode = 1
} finally {
  rmSync(dir, { recursive: true, force: true })
}
