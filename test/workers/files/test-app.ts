import { env } from 'cloudflare:workers'
import { CurrentUser, type Role } from '../../../src/app/auth/principal'
import { files } from '../../../src/app/files/router'
import { createApp, provide } from '../../../src/core'
import { call } from '../helpers'

// Until the real token provider is on main, the caller is provided through DI from a test header; the
// files router, its guard and R2 are the real ones.
const principal = provide(CurrentUser, ({ request }) => {
  const who = request.headers.get('x-test-user')
  if (!who) return null
  const [id, role] = who.split(':')
  return { id: Number(id), role: (role ?? 'user') as Role, jti: `test-${who}`, exp: 4102444800 }
})

/** The files router under an app that knows the caller from `x-test-user: <id>[:admin]`. */
export const app = createApp({ dependencies: [principal], handlers: [files] })
/** The same router with small limits set on the app layer: 2 files of 1 KiB. */
export const smallApp = createApp({
  dependencies: [principal],
  opt: { upload: { maxFiles: 2, maxFileSize: 1024 } },
  handlers: [files],
})

/** Headers of a caller. */
export const as = (id: number, role: Role = 'user') => ({ 'x-test-user': `${id}:${role}` })

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
export const upload = (caller: Record<string, string>, parts: File[], target = app) => {
  const form = new FormData()
  for (const p of parts) form.append('file', p)
  return call(target, '/files', { method: 'POST', body: form, headers: caller })
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
