import { Cleanup } from './cleanup'
import type { DependencyKey, Provider } from './di'
import { type Context, withDeps } from './request-context'

/** Resolves a request's dependencies through its route's providers, once per request, on its root context. */
export interface Injector {
  resolve(root: Context, key: DependencyKey<unknown>): Promise<unknown>
  /** The value itself when its provider made it synchronously and nothing resolved it before; else a promise. */
  resolveNow(root: Context, key: DependencyKey<unknown>): unknown
}

function resolve(root: Context, key: DependencyKey<unknown>): Promise<unknown> {
  if (!root.resolved) root.resolved = new Map()
  let pending = root.resolved.get(key.name)
  if (!pending) {
    const provider = root.providers.get(key.name)
    if (!provider) return Promise.reject(new Error(`No provider for dependency "${key.name}"`))
    pending = make(root, provider)
    root.resolved.set(key.name, pending)
  }
  return pending
}

function resolveNow(root: Context, key: DependencyKey<unknown>): unknown {
  const provider = root.providers.get(key.name)
  if (!provider || root.resolved?.has(key.name)) return resolve(root, key)
  for (const _ in provider.inject) return resolve(root, key)
  let value: unknown
  try {
    value = provider.factory(root as Context & { deps: Record<string, unknown> })
    value = value instanceof Promise ? value.then((made) => keep(root, made)) : keep(root, value)
  } catch (e) {
    value = Promise.reject(e)
  }
  if (!root.resolved) root.resolved = new Map()
  root.resolved.set(key.name, value instanceof Promise ? value : Promise.resolve(value))
  return value
}

async function make(root: Context, provider: Provider): Promise<unknown> {
  // A provider without injections (most of them) is called on the context directly.
  for (const _ in provider.inject) return keep(root, await provider.factory(await withDeps(root, provider.inject)))
  return keep(root, await provider.factory(root as Context & { deps: Record<string, unknown> }))
}

/** Unwraps a value made `withCleanup`, keeping its disposer for the end of the request. */
function keep(root: Context, made: unknown): unknown {
  if (!(made instanceof Cleanup)) return made
  if (root.cleanups === null) {
    // First made by work after the response, once the request's disposers ran: nothing would release it later.
    root.executionCtx.waitUntil(Promise.resolve().then(() => made.dispose()))
    throw new Error('A dependency with a cleanup was first resolved after the request ended: resolve it before')
  }
  if (root.cleanups) root.cleanups.push(made)
  else root.cleanups = [made]
  return made.value
}

/** The injector `provide()` hands the kernel. */
export const injector: Injector = { resolve, resolveNow }
