import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { unstable_readConfig } from 'wrangler'
import { api } from '../../src/app/api'
import { createApp } from '../../src/core'
import { cronsOf } from '../../src/core/triggers'

const { triggers } = createApp(api)
const config = (env?: string) => unstable_readConfig({ config: join(process.cwd(), 'wrangler.toml'), env })

describe('wrangler.toml and the declared triggers agree', () => {
  for (const env of [undefined, 'staging']) {
    it(`${env ?? 'production'}: [triggers] crons lists exactly the schedules of the app's jobs`, () => {
      expect([...(config(env).triggers.crons ?? [])].sort()).toEqual(cronsOf(triggers))
    })

    it(`${env ?? 'production'}: every consumed queue has a consumer in the app, and the DLQ a producer binding`, () => {
      const c = config(env)
      const consumers = triggers.flatMap((t) => (t.kind === 'queue' ? [t] : []))
      for (const q of c.queues.consumers ?? [])
        expect(
          consumers.some((t) => t.accepts(q.queue)),
          q.queue,
        ).toBe(true)
      const dlq = (c.queues.consumers ?? []).flatMap((q: { dead_letter_queue?: string }) => q.dead_letter_queue ?? [])
      const produced = (c.queues.producers ?? []).map((p: { queue: string }) => p.queue)
      for (const q of dlq) expect(produced, q).toContain(q)
    })
  }
})
