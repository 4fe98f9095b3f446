import type { RequestContext } from './context'
import { HttpError } from './errors'

/** A document's parsed JSON. */
export type Document = Readonly<Record<string, unknown>>

/**
 * Where a served document comes from: the object itself (bundled into the Worker), or a loader read on the first
 * request that needs it and kept for the isolate's life, e.g. `fromAssets('/openapi.json')`.
 */
export type DocumentSource = object | ((ctx: RequestContext) => Promise<object>)

/**
 * Refuses a request for a document that could not be read: the reason is logged (it is a deployment fault: the
 * build did not put the document where the Worker looks) and the answer is a 503 problem naming nothing internal.
 */
export function documentUnavailable(e: unknown): never {
  console.error(e instanceof Error ? e.message : e)
  throw new HttpError(503, { detail: 'The document is not available; try again later' })
}

/**
 * A source as one loader that reads once per isolate. A failed read answers a 503 (`documentUnavailable`) and is
 * not kept, so the next request tries again.
 */
export function documentLoader(source: DocumentSource): (ctx: RequestContext) => Promise<Document> {
  if (typeof source !== 'function') {
    const doc = Promise.resolve(source as Document)
    return () => doc
  }
  let loaded: Promise<Document> | undefined
  return (ctx) => {
    loaded ??= (source(ctx) as Promise<Document>).catch((e: unknown) => {
      loaded = undefined
      return documentUnavailable(e)
    })
    return loaded
  }
}

/** A binding that serves files: the Worker's static assets. */
interface AssetFetcher {
  fetch(input: URL | Request | string): Promise<Response>
}

/**
 * A file of the Worker's static assets, read through its binding. A missing binding or file is an error naming
 * both (the build did not run), never an empty answer.
 */
export async function readAsset(ctx: RequestContext, path: string, binding: string): Promise<Response> {
  const assets = (ctx.env as unknown as Record<string, AssetFetcher | undefined>)[binding]
  if (typeof assets?.fetch !== 'function')
    throw new Error(`The "${binding}" assets binding is missing: ${path} cannot be served`)
  const res = await assets.fetch(new URL(path, ctx.url))
  if (!res.ok) throw new Error(`The static assets have no ${path} (status ${res.status}): build the documents first`)
  return res
}

/**
 * A document from the Worker's static assets rather than its bundle: a generated document is often larger than
 * the code that serves it, and every byte of a bundle is parsed at each cold start. The build copies the file into
 * the assets folder; the document routes read it through the binding on first use (`readAsset`).
 * @example asyncApiRoute(fromAssets('/asyncapi.json'))
 */
export function fromAssets(path: string, binding = 'ASSETS'): (ctx: RequestContext) => Promise<object> {
  return async (ctx) => (await readAsset(ctx, path, binding)).json<object>()
}
