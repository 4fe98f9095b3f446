import { env } from 'cloudflare:workers'
import { sessionSetCookie } from '../helpers'
import { apiKeyWith } from '../hostile/credentials'
import { apiClient } from '../kit'

/** The uncounted client that builds what measured requests act on. */
export const setup = apiClient()

/** Every fixture user's password. */
export const PASSWORD = 'round-trip-password-1'
let n = 0

/** What a measured request acts on: a user signed in three ways, their post, comment and file, an admin, a key. */
export interface Fixtures {
  readonly user: { readonly id: number; readonly email: string }
  readonly bearer: Record<string, string>
  readonly refreshToken: string
  /** The session cookie, sent as a same-origin browser would (so CSRF passes). */
  readonly cookie: Record<string, string>
  readonly admin: Record<string, string>
  readonly apiKey: Record<string, string>
  readonly basic: Record<string, string>
  readonly postId: number
  readonly commentId: number
  readonly fileKey: string
}

async function ok(res: Response, what: string): Promise<Response> {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${await res.text()}`)
  return res
}

/** Logs the user in with a bearer token pair. */
export async function login(email: string): Promise<{ bearer: Record<string, string>; refreshToken: string }> {
  const res = await ok(
    await setup.fetch('/auth/login', { method: 'POST', json: { email, password: PASSWORD } }),
    'login',
  )
  const { accessToken, refreshToken } = (await res.json()) as { accessToken: string; refreshToken: string }
  return { bearer: { authorization: `Bearer ${accessToken}` }, refreshToken }
}

/** Starts a cookie session for the user. */
export async function sessionOf(email: string): Promise<Record<string, string>> {
  const res = await ok(
    await setup.fetch('/auth/session', { method: 'POST', json: { email, password: PASSWORD } }),
    'session',
  )
  const id = /__Host-sid=([^;]+)/.exec(sessionSetCookie(res) ?? '')?.[1]
  return { cookie: `__Host-sid=${id}`, 'sec-fetch-site': 'same-origin' }
}

/** Uploads one small text file as the caller; its key. */
export async function uploadAs(caller: Record<string, string>): Promise<string> {
  const form = new FormData()
  form.append('file', new File([new TextEncoder().encode('hello, round trips')], 'notes.txt'))
  const res = await ok(await setup.fetch('/files', { method: 'POST', body: form, headers: caller }), 'upload')
  return ((await res.json()) as { files: { key: string }[] }).files[0]!.key
}

/** Creates a post by the user; its id. */
export async function postBy(userId: number, caller: Record<string, string>): Promise<number> {
  const json = { authorId: userId, title: 'Round trips', content: 'Counted calls to storage.' }
  const res = await ok(await setup.fetch('/posts', { method: 'POST', json, headers: caller }), 'post')
  return ((await res.json()) as { id: number }).id
}

/** Comments on a post as the caller; the comment's id. */
export async function commentOn(postId: number, caller: Record<string, string>): Promise<number> {
  const res = await ok(
    await setup.fetch(`/posts/${postId}/comments`, { method: 'POST', json: { body: 'A comment' }, headers: caller }),
    'comment',
  )
  return ((await res.json()) as { id: number }).id
}

/** A fresh user and everything a measured request may act on. */
export async function fixtures(): Promise<Fixtures> {
  n += 1
  const email = `round-trips-${n}-${crypto.randomUUID().slice(0, 8)}@example.test`
  const created = await ok(
    await setup.fetch('/users', { method: 'POST', json: { name: `Counter ${n}`, email, age: 30, password: PASSWORD } }),
    'sign up',
  )
  const { id } = (await created.json()) as { id: number }
  const { bearer, refreshToken } = await login(email)
  const admin = Object.fromEntries((await setup.as({ role: 'admin' })).credentials)
  const postId = await postBy(id, bearer)
  return {
    user: { id, email },
    bearer,
    refreshToken,
    cookie: await sessionOf(email),
    admin,
    apiKey: { 'x-api-key': await apiKeyWith(['stats', 'export']) },
    basic: { authorization: `Basic ${btoa(`metrics:${env.METRICS_PASSWORD}`)}` },
    postId,
    commentId: await commentOn(postId, bearer),
    fileKey: await uploadAs(bearer),
  }
}
