/** What every contender's default export is: a Worker-style fetch. */
export interface WorkerApp {
  fetch(request: Request, env: unknown, ctx: unknown): Response | Promise<Response>
}

/** The env and execution context handed to apps running in Node (none of them use bindings). */
export const nodeEnv = {}
export const nodeCtx = { waitUntil() {}, passThroughOnException() {}, props: {} }

/** Loads a bundled contender; `fresh` adds a query so a module gets its own instance (and its own store). */
export async function loadApp(file: string, fresh = ''): Promise<WorkerApp> {
  const { pathToFileURL } = await import('node:url')
  const mod = (await import(`${pathToFileURL(file).href}${fresh ? `?${fresh}` : ''}`)) as { default: WorkerApp }
  return mod.default
}
