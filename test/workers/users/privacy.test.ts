import { describe, expect, it } from 'vitest'
import document from '../../../schema/openapi.json'
import { apiClient } from '../kit'
import { bearer, seedUser } from '../seed-user'

const api = apiClient()

type Json = Record<string, unknown>
const body = async (res: Response) => (await res.json()) as Json & { items?: Json[] }
const responseRef = (path: string, method: string) =>
  JSON.stringify(
    ((document.paths as unknown as Record<string, Record<string, Json>>)[path]![method]!.responses as Json)['200'],
  )

describe('privacy by default: who sees which view of a user', () => {
  it('anonymous reads of users carry no email, role or age', async () => {
    const user = await seedUser()
    const one = await api.fetch(`/users/${user.id}`)
    expect(one.status).toBe(200)
    expect(Object.keys(await body(one)).sort()).toEqual(['createdAt', 'id', 'name'])
    const page = await body(await api.fetch('/users?per_page=100'))
    expect(page.items!.length).toBeGreaterThan(0)
    for (const item of page.items!) expect(Object.keys(item).sort()).toEqual(['createdAt', 'id', 'name'])
    expect(JSON.stringify(page)).not.toContain('@')
  })

  it('another user sees the public view too; the user themself and admins the full one', async () => {
    const user = await seedUser()
    const other = await seedUser()
    const admin = await seedUser('admin')
    expect(await body(await api.fetch(`/users/${user.id}`, { headers: bearer(other.token) }))).not.toHaveProperty(
      'email',
    )
    expect(await body(await api.fetch('/auth/me', { headers: bearer(user.token) }))).toMatchObject({
      email: user.email,
    })
    const adminView = await api.fetch(`/admin/users/${user.id}`, { headers: bearer(admin.token) })
    expect(await body(adminView)).toMatchObject({ email: user.email, role: 'user' })
    expect((await api.fetch(`/admin/users/${user.id}`, { headers: bearer(other.token) })).status).toBe(403)
  })

  it('searching by email is for admins: the public search matches names only', async () => {
    const user = await seedUser()
    const admin = await seedUser('admin')
    const publicSearch = await body(await api.fetch(`/users?search=${encodeURIComponent(user.email)}`))
    expect(publicSearch.total).toBe(0)
    const adminSearch = await body(
      await api.fetch(`/admin/users?search=${encodeURIComponent(user.email)}`, { headers: bearer(admin.token) }),
    )
    expect(adminSearch.items!.map((u) => u.id)).toEqual([user.id])
    expect((await api.fetch(`/admin/users?search=x`, { headers: bearer(user.token) })).status).toBe(403)
  })

  it('the document names the view each route returns', () => {
    expect(responseRef('/users/{id}', 'get')).toContain('#/components/schemas/UserPublic')
    expect(responseRef('/users', 'get')).toContain('#/components/schemas/UserPage')
    expect(responseRef('/auth/me', 'get')).toContain('#/components/schemas/UserRead')
    expect(responseRef('/admin/users/{id}', 'get')).toContain('#/components/schemas/UserAdminRead')
    const schemas = (document.components as { schemas: Record<string, { properties?: Json }> }).schemas
    expect(Object.keys(schemas.UserPublic!.properties!).sort()).toEqual(['createdAt', 'id', 'name'])
    expect(JSON.stringify(schemas.UserPage)).toContain('UserPublic')
  })
})
