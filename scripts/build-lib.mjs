// Builds the core as an installable package in dist/: one ESM file per public entry (shared code in chunks, so
// `instanceof HttpError` holds across entries), .d.ts files beside them, and a package.json with the exports map.
// The repository's own package.json stays the reference API's (private, its dev tools); `npm pack dist` packs the core.
import { execFileSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { build } from 'esbuild'
import { withDocComments } from './doc-comments.mjs'

/** Subpath -> source entry. Modules no entry re-exports are internals. */
export const ENTRIES = {
  '.': 'src/core/index.ts',
  './openapi': 'src/core/openapi/index.ts',
  './data': 'src/core/data/index.ts',
  './http': 'src/core/http/index.ts',
  './events': 'src/core/events/index.ts',
  './triggers': 'src/core/triggers/index.ts',
  './workflows': 'src/core/workflows/index.ts',
  './middleware': 'src/core/middleware/index.ts',
  './metrics': 'src/core/metrics/index.ts',
  './cache': 'src/core/cache/index.ts',
  './rate-limit': 'src/core/rate-limit/index.ts',
  './stores': 'src/core/stores/index.ts',
  './auth': 'src/core/auth/index.ts',
  './realtime': 'src/core/realtime/index.ts',
  './asyncapi': 'src/core/asyncapi/index.ts',
  './idempotency': 'src/core/idempotency/index.ts',
  './testing': 'src/core/testing/index.ts',
  './tracing': 'src/core/tracing/index.ts',
  './workers': 'src/core/workers/index.ts',
}

const out = 'dist'
const root = JSON.parse(readFileSync('package.json', 'utf8'))
const name = (sub) => (sub === '.' ? 'index' : sub.slice(2))

rmSync(out, { recursive: true, force: true })
await build({
  entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([sub, src]) => [name(sub), src])),
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  chunkNames: 'chunks/[name]-[hash]',
  // Dependencies stay imports: the Worker's bundler dedupes and tree-shakes them with the user's own.
  external: [
    'valibot',
    'itty-router',
    'jose',
    '@valibot/to-json-schema',
    '@cfworker/json-schema',
    'cloudflare:*',
    'vitest',
  ],
  // The core's own doc-comment descriptions (its events consumers') are copied into its specs here, as `edgestar
  // document` does for an app's sources: that command leaves node_modules alone, and this bundle drops comments.
  plugins: [
    {
      name: 'doc-comments',
      setup(b) {
        b.onLoad({ filter: /\.ts$/ }, (args) => {
          const source = readFileSync(args.path, 'utf8')
          const contents = withDocComments(source)
          return contents === source ? undefined : { contents, loader: 'ts' }
        })
      },
    },
  ],
  logLevel: 'warning',
})
execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' })

// Relative specifiers in the declarations get their file: consumers on `moduleResolution: nodenext` need it.
const types = join(out, 'types')
const walk = (dir) =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]))
for (const file of walk(types)) {
  const text = readFileSync(file, 'utf8').replace(/(from |import\()'(\.\.?\/[^']*)'/g, (all, head, spec) => {
    const base = join(dirname(file), spec)
    if (existsSync(`${base}.d.ts`)) return `${head}'${spec}.js'`
    if (existsSync(join(base, 'index.d.ts'))) return `${head}'${spec}/index.js'`
    return all
  })
  writeFileSync(file, text)
}

const exports = Object.fromEntries(
  Object.entries(ENTRIES).map(([sub, src]) => [
    sub,
    {
      types: `./${relative(out, join(types, relative('src/core', src))).replace(/\.ts$/, '.d.ts')}`,
      default: `./${name(sub)}.js`,
    },
  ]),
)
const pick = (deps, names) => Object.fromEntries(names.map((n) => [n, deps[n]]))
const pkg = {
  name: 'edgestar',
  version: root.version,
  description:
    'A typed HTTP API framework for Cloudflare Workers: layered routers, DI, guards, valibot schemas, OpenAPI 3.1',
  type: 'module',
  sideEffects: false,
  exports,
  files: ['*.js', 'chunks', 'types', 'bin'],
  // `edgestar document <module>` writes the app's OpenAPI document at build time (esbuild and the converter).
  bin: { edgestar: './bin/edgestar.mjs' },
  dependencies: pick(root.dependencies, ['itty-router', 'jose', 'valibot']),
  peerDependencies: {
    '@cloudflare/workers-types': '>=4',
    '@valibot/to-json-schema': root.devDependencies['@valibot/to-json-schema'],
    esbuild: '>=0.20',
    // edgestar/testing's contract mode validates responses with it (it runs in workerd).
    '@cfworker/json-schema': root.devDependencies['@cfworker/json-schema'],
    vitest: '>=3',
  },
  peerDependenciesMeta: {
    '@cloudflare/workers-types': { optional: true },
    '@valibot/to-json-schema': { optional: true },
    esbuild: { optional: true },
    '@cfworker/json-schema': { optional: true },
    vitest: { optional: true },
  },
  engines: root.engines,
}
mkdirSync(join(out, 'bin'))
copyFileSync('scripts/edgestar.mjs', join(out, 'bin/edgestar.mjs'))
copyFileSync('scripts/doc-comments.mjs', join(out, 'bin/doc-comments.mjs'))
copyFileSync('scripts/field-comments.mjs', join(out, 'bin/field-comments.mjs'))
copyFileSync('scripts/describe-field.mjs', join(out, 'bin/describe-field.mjs'))
copyFileSync('scripts/doc-comment-declarations.mjs', join(out, 'bin/doc-comment-declarations.mjs'))
writeFileSync(join(out, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`)
console.log(`${out}/: ${Object.keys(ENTRIES).length} entries`)
