import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { unstable_readConfig } from 'wrangler'
import { api } from '../../src/app/api'
import { createApp } from '../../src/core'
import { cronsOf } from '../../src/core/triggers'
import type { WorkflowDefinition } from '../../src/core/workflows'

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

    it(`${env ?? 'production'}: [[workflows]] binds exactly the workflows the app declares`, () => {
      // The binding each declaration reads, found by handing it an env that records the name it asks for.
      const read = (binding: (env: Cloudflare.Env) => unknown) => {
        const names: string[] = []
        binding(new Proxy({}, { get: (_, key) => void names.push(String(key)) }) as Cloudflare.Env)
        return names.join()
      }
      const declared = triggers.flatMap((t) =>
        t.kind === 'workflow' && 'spec' in t ? [read((t as WorkflowDefinition).spec.binding)] : [],
      )
      expect(declared).toEqual(['ACCOUNT_DELETION'])
      expect(
        config(env)
          .workflows.map((w: { binding: string }) => w.binding)
          .sort(),
      ).toEqual(declared.sort())
    })
  }
})
