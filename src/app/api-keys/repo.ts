import { dependency, provide } from '../../core'
import type { StoredApiKey } from '../../core/auth'
import { listEndpoint, type OffsetPage, Repository, type RowOf, type SqlDatabase } from '../../core/data'
import type { ApiKeyPrincipal } from '../auth/principal'
import { Db } from '../common/db'
import type { ApiKey } from './dtos'
import { generateApiKey } from './key-secret'
import { ApiKeyRow } from './model'

type Row = RowOf<typeof ApiKeyRow>

/** The keys list: offset pages like every list of the API, newest first, searchable by name. */
export const apiKeyList = listEndpoint(ApiKeyRow, {
  search: ['name'],
  sort: { fields: ['createdAt', 'name'], default: '-createdAt' },
  page: 'offset',
})

const scopesOf = (row: Row) => row.scopes.split(' ').filter(Boolean) as ApiKey['scopes']

const toKey = (row: Row): ApiKey => ({
  id: row.id,
  name: row.name,
  scopes: scopesOf(row),
  createdAt: row.createdAt,
  revokedAt: row.revokedAt,
})

/**
 * API keys in D1, on the generic Repository (so constraint failures are 409/422 like every resource's): created
 * with a hash of their secret, listed without it, revoked by timestamp.
 */
export class ApiKeyRepo {
  private readonly rows: Repository<typeof ApiKeyRow>
  private readonly active: Repository<typeof ApiKeyRow>

  constructor(private readonly db: SqlDatabase) {
    this.rows = new Repository(db, ApiKeyRow)
    this.active = this.rows.scoped({ revokedAt: null })
  }

  /** Creates a key; the returned `key` is the only time the secret exists outside the client. */
  async create(input: {
    name: string
    scopes: readonly string[]
    createdBy: number
  }): Promise<ApiKey & { key: string }> {
    const { id, key, secretHash } = await generateApiKey()
    const row = await this.rows.add({
      id,
      name: input.name,
      secretHash,
      scopes: [...new Set(input.scopes)].join(' '),
      createdBy: input.createdBy,
    })
    return { ...toKey(row), key }
  }

  /** One page of keys, revoked ones included, without secrets; the query is `apiKeyList.query`'s output. */
  async list(query: Readonly<Record<string, unknown>>): Promise<OffsetPage<ApiKey>> {
    const page = await apiKeyList.run(this.rows, query)
    return { ...page, items: page.items.map(toKey) }
  }

  /** Revokes a key; false when no unrevoked key has the id. */
  async revoke(id: string): Promise<boolean> {
    return (
      (await this.rows.update(id, { revokedAt: new Date().toISOString() }, { where: { revokedAt: null } })) !==
      undefined
    )
  }

  /**
   * An unrevoked key's stored hash and the principal it stands for, for checking a presented secret; undefined also
   * when the admin who created it was deleted or is no longer an admin: a key holds no more authority than its
   * creator has now.
   */
  async findActive(id: string): Promise<StoredApiKey<ApiKeyPrincipal> | undefined> {
    const row = await this.active.get(id)
    if (!row || row.createdBy === null) return undefined
    const creator = await this.db
      .prepare('SELECT role FROM users WHERE id = ?')
      .bind(row.createdBy)
      .first<{ role: string }>()
    return creator?.role === 'admin'
      ? { secretHash: row.secretHash, principal: { id: row.id, name: row.name, scopes: scopesOf(row) } }
      : undefined
  }
}

/** The API-key store, provided by the layers that manage keys. */
export const ApiKeys = dependency<ApiKeyRepo>('apiKeys')

/** Provides the API-key store on the request's D1 session. */
export const provideApiKeys = provide(ApiKeys, { inject: { db: Db } }, ({ deps: { db } }) => new ApiKeyRepo(db))
