import { afterEach, describe, expect, it } from 'vitest'
import { provide } from '../../../src/core'
import { durableLedger, IdempotencyLedger } from '../../../src/core/idempotency'
import { fakeClock } from '../../../src/core/testing'
import { allKeys, api, as, file, png, upload } from '../files/test-app'
import { apiClient } from '../kit'

let restore: (() => void) | undefined
afterEach(() => {
  restore?.()
  restore = undefined
})

// Storing the response fails: the upload is in R2, the record of its answer is not.
const unstoredLedger = provide(IdempotencyLedger, (ctx) => ({
  ...durableLedger(ctx.env.IDEMPOTENCY),
  complete: async () => {
    throw new Error('the idempotency object is unreachable')
  },
}))
type Uploaded = { files: { key: string }[] }

describe('Idempotency-Key on POST /files', () => {
  it('a repeat replays the upload and stores nothing more', async () => {
    const caller = { ...(await as(1)), 'idempotency-key': crypto.randomUUID() }
    const before = (await allKeys()).length
    const first = await upload(caller, [file('a.png', png()), file('b.png', png(80))])
    expect(first.status).toBe(201)
    const again = await upload(caller, [file('a.png', png()), file('b.png', png(80))])
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(await again.json()).toEqual(await first.json())
    expect((await allKeys()).length).toBe(before + 4) // two files, each with its owner's index marker
  })

  it('a retry after the response was lost writes the same objects again, not second copies', async () => {
    const clock = fakeClock()
    restore = () => clock.restore()
    const caller = { ...(await as(2)), 'idempotency-key': crypto.randomUUID() }
    const before = (await allKeys()).length
    const first = await upload(caller, [file('a.png', png())], apiClient({ overrides: [unstoredLedger] }))
    expect(first.status).toBe(201)
    const { files } = (await first.json()) as Uploaded
    clock.advance(61_000)
    const retry = await upload(caller, [file('a.png', png())], api)
    expect(retry.status).toBe(201)
    expect(((await retry.json()) as Uploaded).files.map((f) => f.key)).toEqual(files.map((f) => f.key))
    expect((await allKeys()).length).toBe(before + 2)
  })
})
