import { exports } from 'cloudflare:workers'
import { accountToken } from './account-token'

const worker = exports.default as unknown as Fetcher

// An admin passes every write guard; its row exists (made once per test file), since every request checks it.
let adminToken: Promise<string> | undefined
const asAdmin = () => {
  adminToken ??= accountToken(1_000_000, 'admin')
  return adminToken
}

/** The admin's Authorization header, for reads of the admin view (`/admin/users/:id`). */
export const adminHeaders = async () => ({ authorization: `Bearer ${await asAdmin()}` })

/** A user's full view, as admins read it. */
export const fullUser = async (id: number) =>
  (await (await send(`/admin/users/${id}`, { headers: await adminHeaders() })).json()) as UserBody

/**
 * Sends a request to the real Worker entry (its routes, its D1), with an optional JSON body. Writes without an
 * Authorization header go as an admin, so data tests need not log in; `anonymous: true` sends no credentials.
 */
export async function send(
  path: string,
  init: RequestInit & { json?: unknown; anonymous?: boolean } = {},
): Promise<Response> {
  const { json, anonymous, ...rest } = init
  const headers = new Headers(rest.headers)
  if (json !== undefined) headers.set('content-type', 'application/json')
  const write = !['GET', 'HEAD', 'OPTIONS'].includes((rest.method ?? 'GET').toUpperCase())
  if (write && !anonymous && !headers.has('authorization')) headers.set('authorization', `Bearer ${await asAdmin()}`)
  return worker.fetch(`https://api.test${path}`, {
    ...rest,
    headers,
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  })
}

/** A user as the API returns it. */
export interface UserBody {
  id: number
  name: string
  email: string
  age: number
  role: string
  createdAt: string
  updatedAt: string
}

let counter = 0
/** Creates a user through the API and returns it; emails are unique per call unless given. */
export async function createUser(fields: Partial<{ name: string; email: string; age: number; password: string }> = {}) {
  counter++
  const res = await send('/users', {
    method: 'POST',
    json: {
      name: `User ${counter}`,
      email: `user${counter}-${crypto.randomUUID().slice(0, 8)}@example.com`,
      age: 30,
      password: 'a-long-password',
      ...fields,
    },
  })
  if (res.status !== 201) throw new Error(`create user: ${res.status} ${await res.text()}`)
  return { user: (await res.json()) as UserBody, etag: res.headers.get('etag')! }
}
