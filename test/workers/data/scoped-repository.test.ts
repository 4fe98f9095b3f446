import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { Comment } from '../../../src/app/comments/model'
import { Repository } from '../../../src/core/data'

let postA: number
let postB: number
let author: number
let onB: number
const tags: string[] = []
const all = () => new Repository(env.DB, Comment, { onWrite: (t) => tags.push(...t) })

beforeAll(async () => {
  author = (await env.DB.prepare(
    "INSERT INTO users (name, email, age, password_hash) VALUES ('S', 's@scope.test', 1, 'x') RETURNING id",
  ).first<{ id: number }>())!.id
  const post = env.DB.prepare("INSERT INTO posts (author_id, title, content) VALUES (?, 't', 'c') RETURNING id")
  postA = (await post.bind(author).first<{ id: number }>())!.id
  postB = (await post.bind(author).first<{ id: number }>())!.id
  onB = (await all().add({ postId: postB, authorId: author, body: 'on B' })).id
})

describe('Repository.scoped', () => {
  it('puts the parent condition into get, update, delete and list: another parent’s row is not there', async () => {
    const a = all().scoped({ postId: postA })
    expect(await a.get(onB)).toBeUndefined()
    expect(await a.update(onB, { body: 'changed' })).toBeUndefined()
    expect(await a.delete(onB)).toBe(false)
    expect((await a.list()).items.map((c) => c.id)).not.toContain(onB)
    expect((await all().get(onB))?.body).toBe('on B')
  })

  it('fills the scope on add and never moves a row to another parent on update', async () => {
    const a = all().scoped({ postId: postA }, ['posts:a'])
    tags.length = 0
    const row = await a.add({ postId: postB, authorId: author, body: 'mine' })
    expect(row.postId).toBe(postA)
    expect(tags).toEqual(['comments', `comments:${row.id}`, 'posts:a'])
    const moved = await a.update(row.id, { postId: postB, body: 'still mine' })
    expect(moved).toMatchObject({ postId: postA, body: 'still mine' })
  })

  it('lets a filter never widen the scope', async () => {
    const a = all().scoped({ postId: postA })
    expect((await a.list({ where: { postId: postB } })).items.every((c) => c.postId === postA)).toBe(true)
  })
})

describe('Repository.find with a keyset position', () => {
  it('returns the rows after (value, key) in either direction, ties broken by the key', async () => {
    const repo = all().scoped({ postId: postB })
    const ids = [onB]
    for (const body of ['x', 'y', 'z']) ids.push((await repo.add({ postId: postB, authorId: author, body })).id)
    const asc = await repo.find({ orderBy: 'postId', after: { value: postB, key: ids[1]! } })
    expect(asc.map((c) => c.id)).toEqual(ids.slice(2))
    const desc = await repo.find({ orderBy: 'id', descending: true, after: { value: ids[2]!, key: ids[2]! } })
    expect(desc.map((c) => c.id)).toEqual([ids[1], ids[0]])
  })
})

describe('writes with conditions', () => {
  it('writes only a row that also matches `where`; otherwise it is missing', async () => {
    const repo = all()
    expect(await repo.update(onB, { body: 'no' }, { where: { authorId: author + 1 } })).toBeUndefined()
    expect((await repo.update(onB, { body: 'yes' }, { where: { authorId: author } }))?.body).toBe('yes')
  })
})
