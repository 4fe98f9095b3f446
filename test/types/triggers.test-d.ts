import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import { dependency, provide, withCleanup } from '../../src/core'
import { consumer, cron } from '../../src/core/triggers'
import { workflow } from '../../src/core/workflows'

// What docs/triggers.md promises about types: cleanups keep `provide` typed by its key, jobs and consumers
// are typed from their own spec, workflow events from their schemas.
const Conn = dependency<{ close(): void }>('conn')

describe('triggers and cleanups are typed from their declarations', () => {
  it('withCleanup keeps provide typed by the key', () => {
    provide(Conn, () => withCleanup({ close() {} }, (conn) => conn.close()))
    provide(Conn, async () => withCleanup({ close() {} }, () => {}, { timing: 'before' }))
    // @ts-expect-error the value must be what the key names
    provide(Conn, () => withCleanup('not a connection', () => {}))
  })

  it('a job sees its injections, a consumer its message', () => {
    cron('0 3 * * *', { name: 'j', inject: { conn: Conn } }, ({ deps, runId, scheduledTime }) => {
      expectTypeOf(deps.conn.close).toBeFunction()
      expectTypeOf(runId).toBeString()
      expectTypeOf(scheduledTime).toEqualTypeOf<Date>()
    })
    const Mail = v.object({ to: v.string(), count: v.pipe(v.string(), v.transform(Number)) })
    consumer({ name: 'c', queue: 'q', message: Mail, deadLetter: false }, (message, { attempt }) => {
      expectTypeOf(message).toEqualTypeOf<{ to: string; count: number }>()
      expectTypeOf(attempt).toBeNumber()
    })
    // @ts-expect-error a consumer says where an invalid message goes (false only logs it)
    consumer({ name: 'c', queue: 'q', message: Mail }, () => {})
  })

  it('a workflow’s params and awaited events are typed by their schemas', () => {
    workflow(
      {
        name: 'wf',
        params: v.object({ userId: v.number() }),
        events: { approve: v.object({ by: v.string() }) },
        binding: () => undefined,
      },
      async ({ params, waitFor }) => {
        expectTypeOf(params.userId).toBeNumber()
        const approval = await waitFor('approval', 'approve')
        expectTypeOf(approval).toEqualTypeOf<{ by: string }>()
        // @ts-expect-error only declared event types can be awaited
        await waitFor('other', 'reject')
        return undefined
      },
    )
  })

  it('a workflow step gets the workflow’s injections, typed, for each attempt', () => {
    workflow(
      { name: 'wf', params: v.object({}), inject: { conn: Conn }, binding: () => undefined },
      async ({ step }) => {
        const n = await step.do('use', { retries: { limit: 2, delay: '1 second' } }, async ({ deps, attempt }) => {
          expectTypeOf(deps.conn.close).toBeFunction()
          expectTypeOf(attempt).toBeNumber()
          return 1
        })
        expectTypeOf(n).toBeNumber()
        // @ts-expect-error only the workflow's injections are there
        await step.do('other', async ({ deps }) => deps.other)
        return undefined
      },
    )
  })
})
