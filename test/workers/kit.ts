import { env } from 'cloudflare:workers'
import { app } from '../../src/app/app'
import { hashPassword } from '../../src/app/auth/password'
import type { Role } from '../../src/app/auth/principal'
import type { App } from '../../src/core'
import { type TestClient, type TestClientOptions, testClient } from '../../src/core/testing'

/** Who a test acts as: a fresh user with this role (or an existing user's email and password). */
export type Who = { readonly role: Role } | { readonly email: string; readonly password: string }

/** The reference API's test client. */
export type ApiClient = TestClient<Cloudflare.Env, Who>

let counter = 0
/** The password of every user the kit signs in by role. */
export const KIT_PASSWORD = 'kit-password-1'
/** The body deleting a user takes: the current password of whoever deletes (a kit user, by default). */
export const deletion = (currentPassword = KIT_PASSWORD) => ({ currentPassword })

/**
 * Signs in through the API's own login: a role gets a fresh user (inserted into D1, storage being per test file),
 * then `POST /auth/login` returns the bearer token every later request of the client carries.
 */
async function signIn(client: ApiClient, who: Who): Promise<HeadersInit> {
  let credentials = who as { email: string; password: string }
  if ('role' in who) {
    credentials = {
      email: `${who.role}-${++counter}-${crypto.randomUUID().slice(0, 8)}@example.test`,
      password: KIT_PASSWORD,
    }
    await env.DB.prepare('INSERT INTO users (name, email, age, password_hash, role) VALUES (?, ?, ?, ?, ?)')
      .bind(`Kit ${who.role} ${counter}`, credentials.email, 30, await hashPassword(credentials.password), who.role)
      .run()
  }
  const res = await client.fetch('/auth/login', { method: 'POST', json: credentials })
  if (res.status !== 200) throw new Error(`sign in as ${JSON.stringify(who)}: ${res.status} ${await res.text()}`)
  const { accessToken } = (await res.json()) as { accessToken: string }
  return { authorization: `Bearer ${accessToken}` }
}

/** A client for the reference API (or another app built from its options) with the test env and its sign-in hook. */
export const apiClient = (
  options: Partial<TestClientOptions<Cloudflare.Env, Who>> = {},
  target: App<Cloudflare.Env> = app,
): ApiClient => testClient(target, { env, signIn, base: 'https://api.test', ...options })

/** A user as the API returns it. */
export interface UserBody {
  readonly id: number
  readonly name: string
  readonly email: string
  readonly age: number
  readonly role: string
  readonly createdAt: string
  readonly updatedAt: string
}

let users = 0
const PASSWORD = 'a-long-password'
/** Creates a user through `POST /users` as whoever `client` is signed in as (an admin, say); emails are unique. */
export async function createUser(
  client: ApiClient,
  fields: Partial<{ name: string; email: string; age: number; password: string }> = {},
): Promise<{ user: UserBody; etag: string }> {
  users++
  const email = `user${users}-${crypto.randomUUID().slice(0, 8)}@example.com`
  const json = { name: `User ${users}`, email, age: 30, password: PASSWORD, ...fields }
  const res = await client.fetch('/users', { method: 'POST', json })
  if (res.status !== 201) throw new Error(`create user: ${res.status} ${await res.text()}`)
  return { user: (await res.json()) as UserBody, etag: res.headers.get('etag') ?? '' }
}

/** Signs up through `POST /users` (no one need be signed in) and signs in as the new user. */
export async function signUp(
  api: ApiClient,
  fields: Partial<{ name: string; email: string; age: number; password: string }> = {},
): Promise<{ user: UserBody; client: ApiClient }> {
  const { user } = await createUser(api, fields)
  return { user, client: await api.as({ email: user.email, password: fields.password ?? PASSWORD }) }
}

/** The user a client is signed in as, as `GET /auth/me` reads it. */
export async function whoIs(client: ApiClient): Promise<UserBody> {
  const res = await client.fetch('/auth/me')
  if (res.status !== 200) throw new Error(`who is: ${res.status} ${await res.text()}`)
  return (await res.json()) as UserBody
}
