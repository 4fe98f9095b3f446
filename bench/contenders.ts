/** One framework in the contest: where its Worker entry is and how it serves an OpenAPI document. */
export interface Contender {
  readonly name: 'ours' | 'hono' | 'chanfana' | 'itty' | 'floor'
  readonly label: string
  readonly entry: string
  /** How the bundle serves its document: what its size includes. */
  readonly document: string
}

/** The five contenders, this project first; the floor is last. */
export const contenders: readonly Contender[] = [
  {
    name: 'ours',
    label: 'this project',
    entry: 'bench/contenders/ours/worker.ts',
    document: 'pre-generated JSON, imported',
  },
  {
    name: 'hono',
    label: 'Hono + @hono/valibot-validator + hono-openapi',
    entry: 'bench/contenders/hono/worker.ts',
    document: 'generated at runtime (hono-openapi)',
  },
  {
    name: 'chanfana',
    label: 'chanfana on itty-router (zod)',
    entry: 'bench/contenders/chanfana/worker.ts',
    document: 'generated at runtime (chanfana)',
  },
  { name: 'itty', label: 'itty-router + valibot by hand', entry: 'bench/contenders/itty/worker.ts', document: 'none' },
  { name: 'floor', label: 'hand-written fetch (floor)', entry: 'bench/contenders/floor/worker.ts', document: 'none' },
]

/** One route, no document, no middleware, against Hono's hello app (the "pay for what you use"). */
export const oneRoute = [
  {
    name: 'ours',
    label: 'ours: one route, no document, no middleware',
    entry: 'bench/contenders/ours/one-route-worker.ts',
  },
  {
    name: 'hono',
    label: 'hono: one route, no document, no middleware',
    entry: 'bench/contenders/hono/hello-worker.ts',
  },
  {
    name: 'floor',
    label: "floor of ours: the route's validation and problem bodies alone, no kernel",
    entry: 'bench/contenders/floor/validated-greet.ts',
  },
] as const

/** The hello apps: one route, no validation, no document; the "no larger and no slower than Hono's hello". */
export const hello = [
  { name: 'ours', label: 'ours: hello (one route, no validation)', entry: 'bench/contenders/ours/hello-worker.ts' },
  { name: 'hono', label: 'hono: hello (one route, no validation)', entry: 'bench/contenders/hono/hello-worker.ts' },
] as const

/** The greet route alone with its document, for "core plus one route" against Hono. */
export const greetOnly = [
  { name: 'ours', entry: 'bench/contenders/ours/greet-worker.ts' },
  { name: 'hono', entry: 'bench/contenders/hono/greet-worker.ts' },
] as const
