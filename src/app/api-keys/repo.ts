import { dependency } from '../../core'
import { generateApiKey } from './key-secret'
import type { ApiKey } from './model'

interface Row {
  id: string
  name: string
  secret_hash: string
  scopes: string
  created_at: string
  revoked_at: string | null
}

const COLUMNS = 'id, name, secret_hash, scopes, created_at, revoked_at'
const toKey = (row: Row): ApiKey => ({
  id: row.id,
  name: row.name,
  scopes: row.scopes.split(' ').filter(Boolean) as ApiKey['scopes'],
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
})

/** API keys in D1: created with a hash of their secret, listed without it, revoked by timestamp. */
export class ApiKeyRepo {
  constructor(private readonly db: D1Database) {}

  /** Creates a key; the returned `key` is the only time the secret exists outside the client. */
  async create(input: {
    name: string
    scopes: readonly string[]
    createdBy: number
  }): Promise<ApiKey & { key: string }> {
    const { id, key, secretHash } = await generateApiKey()
    const row = await this.db
      .prepare(
        `INSERT INTO api_keys (id, name, secret_hash, scopes, created_by) VALUES (?, ?, ?, ?, ?) RETURNING ${COLUMNS}`,
      )
      .bind(id, input.name, secretHash, [...new Set(input.scopes)].join(' '), input.createdBy)
      .first<Row>()
    return { ...toKey(row!), key }
  }

  /** Every key, newest first, without secrets. */
  async list(): Promise<ApiKey[]> {
    const { results } = await this.db.prepare(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at DESC, id`).all<Row>()
    return results.map(toKey)
  }

  /** Revokes a key; false when no unrevoked key has the id. */
  async revoke(id: string): Promise<boolean> {
    const result = await this.db
      .prepare(
        "UPDATE api_keys SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ? AND revoked_at IS NULL",
      )
      .bind(id)
      .run()
    return result.meta.changes > 0
  }

  /** An unrevoked key with its stored hash, for checking a presented secret. */
  async findActive(id: string): Promise<(ApiKey & { secretHash: string }) | undefined> {
    const row = await this.db
      .prepare(`SELECT ${COLUMNS} FROM api_keys WHERE id = ? AND revoked_at IS NULL`)
      .bind(id)
      .first<Row>()
    return row ? { ...toKey(row), secretHash: row.secret_hash } : undefined
  }
}

/** The API-key store, provided by the layers that manage keys. */
export const ApiKeys = dependency<ApiKeyRepo>('apiKeys')
