import { env } from 'cloudflare:workers'
import { api as reference } from '../../../src/app/api'
import type { Role } from '../../../src/app/auth/principal'
import { createApp } from '../../../src/core'
import { apiClient, whoIs } from '../kit'

/** The reference API's own options, with small upload limits set on the app layer: 2 files of 1 KiB. */
const small = createApp({ ...reference, opt: { upload: { maxFiles: 2, maxFileSize: 1024 } } })
/** The reference API, signed in as no one: a request's own headers carry its caller. */
export const api = apiClient()
/** The small-limits app built from the reference API's options, signed in as no one. */
export const smallApi = apiClient({}, small)

const people = new Map<string, Promise<{ id: number; authorization: string }>>()
/** Person `n` of a test file with this role, signed in through the API once: the same `n` and role, the same user. */
export const person = (n: number, role: Role = 'user') => {
  const key = `${n} ${role}`
  let found = people.get(key)
  if (!found) {
    found = api.as({ role }).then(async (client) => ({
      id: (await whoIs(client)).id,
      authorization: client.credentials.get('authorization')!,
    }))
    people.set(key, found)
  }
  return found
}

/** The Authorization header of person `n` with this role. */
export const as = async (n: number, role: Role = 'user') => ({ authorization: (await person(n, role)).authorization })

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
export const upload = (caller: Record<string, string>, parts: File[], client = api) => {
  const form = new FormData()
  for (const p of parts) form.append('file', p)
  return client.fetch('/files', { method: 'POST', body: form, headers: caller })
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
