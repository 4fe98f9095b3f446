import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'
import { api } from '../../../src/app/api'
import type { Role } from '../../../src/app/auth/principal'
import { createApp } from '../../../src/core'
import { accountToken } from '../account-token'

const worker = exports.default as unknown as Fetcher
/** The reference API's own options, with small upload limits set on the app layer: 2 files of 1 KiB. */
const small = createApp({ ...api, opt: { upload: { maxFiles: 2, maxFileSize: 1024 } } })

/** Where a request goes: the Worker itself, or the small-limits app built from the same options. */
export type Target = 'worker' | 'small'

/** Sends a request through the Worker (or the small-limits app), waiting for its background work. */
export async function send(path: string, init: RequestInit = {}, target: Target = 'worker'): Promise<Response> {
  const request = new Request(`https://api.test${path}`, init)
  if (target === 'worker') return worker.fetch(request)
  const ctx = createExecutionContext()
  const response = await small.fetch(request, env, ctx)
  await waitOnExecutionContext(ctx)
  return response
}

/** The Authorization header of a real access token for a user with this id and role (its row is made). */
export const as = async (id: number, role: Role = 'user') => ({
  authorization: `Bearer ${await accountToken(id, role)}`,
})

/** A file of the given name and bytes. */
export const file = (name: string, bytes: Uint8Array | string) =>
  new File([typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes], name)

/** A PNG: the real signature, then `size - 8` patterned bytes. */
export const png = (size = 64) => {
  const bytes = new Uint8Array(size)
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  for (let i = 8; i < size; i++) bytes[i] = (i * 31) % 256
  return bytes
}

/** Posts a multipart form of `file` parts. */
export const upload = (caller: Record<string, string>, parts: File[], target: Target = 'worker') => {
  const form = new FormData()
  for (const p of parts) form.append('file', p)
  return send('/files', { method: 'POST', body: form, headers: caller }, target)
}

/** Every object key in the bucket, to prove what was (not) stored. */
export const allKeys = async (): Promise<string[]> => {
  const keys: string[] = []
  let cursor: string | undefined
  do {
    const page = await env.FILES.list({ cursor })
    keys.push(...page.objects.map((o) => o.key))
    cursor = page.truncated ? page.cursor : undefined
  } while (cursor)
  return keys
}
