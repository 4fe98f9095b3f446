import { env } from 'cloudflare:workers'
import { hashPassword } from '../../src/app/auth/password'
import type { Role } from '../../src/app/auth/principal'
import { apiClient } from './kit'

/** A user inserted straight into D1, logged in through the API's own `POST /auth/login`. */
export interface SeededUser {
  readonly id: number
  readonly email: string
  readonly password: string
  readonly role: Role
  /** An access token of a login (a refresh family) of the user's. */
  readonly token: string
  readonly refreshToken: string
}

let counter = 0
const api = apiClient()

/** Inserts a user with a unique email (storage is shared within a test file) and logs it in. */
export async function seedUser(role: Role = 'user', password = 'correct horse battery staple'): Promise<SeededUser> {
  const email = `${role}-${++counter}-${crypto.randomUUID().slice(0, 8)}@example.test`
  const row = await env.DB.prepare(
    'INSERT INTO users (name, email, age, password_hash, role) VALUES (?, ?, ?, ?, ?) RETURNING id',
  )
    .bind(`Seeded ${role} ${counter}`, email, 30, await hashPassword(password), role)
    .first<{ id: number }>()
  const res = await api.fetch('/auth/login', { method: 'POST', json: { email, password } })
  if (res.status !== 200) throw new Error(`log in as ${email}: ${res.status} ${await res.text()}`)
  const { accessToken, refreshToken } = (await res.json()) as { accessToken: string; refreshToken: string }
  return { id: row!.id, email, password, role, token: accessToken, refreshToken }
}

/** An Authorization header for a token. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
