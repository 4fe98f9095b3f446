import { mkdirSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

/** Where the benchmark writes its bundles. */
export const OUT_DIR = '.tmp/bench'

// Optional schema vendors that hono-openapi's converters import on demand; not installed, never used here.
const absentVendors = [
  'effect',
  'sury',
  'arktype',
  '@sinclair/typebox',
  '@sinclair/typebox/*',
  'typebox',
  'zod-openapi',
]

/** A bundled Worker entry and its size. */
export interface Bundle {
  readonly file: string
  readonly bytes: number
  readonly gzip: number
  /** Minified bytes each input module left in the bundle (esbuild's metafile), largest first. */
  readonly modules: readonly (readonly [string, number])[]
}

/** Bundles a Worker entry as wrangler would (ESM, minified, worker conditions) and measures it. */
export async function bundle(entry: string, name: string): Promise<Bundle> {
  mkdirSync(OUT_DIR, { recursive: true })
  const file = `${OUT_DIR}/${name}.mjs`
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    external: ['cloudflare:*', 'node:*', ...absentVendors],
    outfile: file,
    write: true,
    metafile: true,
    logLevel: 'error',
  })
  if (result.errors.length) throw new Error(`bundling ${entry} failed`)
  const { readFileSync } = await import('node:fs')
  const bytes = readFileSync(file)
  const inputs = Object.values(result.metafile.outputs)[0]?.inputs ?? {}
  const modules = Object.entries(inputs)
    .map(([path, i]) => [path, i.bytesInOutput] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
  return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, modules }
}
