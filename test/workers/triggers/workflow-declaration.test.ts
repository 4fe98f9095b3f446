import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { accountDeletion } from '../../../src/app/account-deletion/workflow'
import { createApp, dependency, get, provide } from '../../../src/core'
import { testClient } from '../../../src/core/testing'
import { cron } from '../../../src/core/triggers'
import { workflowEntrypoint } from '../../../src/core/workers'
import { workflow } from '../../../src/core/workflows'
import { apiClient } from '../kit'

const Store = dependency<{ ok: true }>('store')
const ping = get('/ping', () => 'pong')
const declared = (name: string, inject = {}) =>
  workflow({ name, params: v.object({}), inject, binding: () => undefined }, async () => undefined)

describe('a workflow declared in the app', () => {
  it('refuses to build an app whose workflow injects a key no layer provides, naming the workflow and the key', () => {
    const wf = declared('needs-store', { store: Store })
    expect(() => createApp({ handlers: [ping], triggers: [wf] })).toThrow(
      'Route Workflow "needs-store" needs dependency "store", but no enclosing layer provides it',
    )
    // Provided by the app layer, or by the workflow's own dependencies, it builds.
    createApp({ handlers: [ping], dependencies: [provide(Store, () => ({ ok: true }))], triggers: [wf] })
    const own = workflow(
      {
        name: 'own-store',
        params: v.object({}),
        inject: { store: Store },
        dependencies: [provide(Store, () => ({ ok: true }))],
        binding: () => undefined,
      },
      async () => undefined,
    )
    createApp({ handlers: [ping], triggers: [own] })
  })

  it('refuses a workflow named like another trigger', () => {
    const job = cron('0 3 * * *', { name: 'cleanup' }, () => {})
    expect(() => createApp({ handlers: [ping], triggers: [job, declared('cleanup')] })).toThrow(
      'Workflow "cleanup" is declared twice',
    )
  })

  it('makes no class for a workflow the app does not declare: its injections were never checked', () => {
    const app = createApp({ handlers: [ping], triggers: [declared('listed')] })
    expect(() => workflowEntrypoint(app, declared('unlisted'))).toThrow(
      'Workflow "unlisted" is not declared by the app: add it to createApp({ triggers })',
    )
    expect(() => app.triggerScope('unlisted', env, {} as ExecutionContext)).toThrow('declares no trigger "unlisted"')
  })

  it('drives no instance of a workflow the client’s app does not declare, or that is not bound', async () => {
    const listed = declared('listed')
    const client = testClient(createApp({ handlers: [ping], triggers: [listed] }), { env })
    await expect(client.workflow(declared('other'), {})).rejects.toThrow('does not declare the workflow "other"')
    await expect(client.workflow(listed, {})).rejects.toThrow('The listed workflow is not bound in this env')
  })

  it('refuses a failSteps count that is not a whole number of attempts, before creating anything', async () => {
    for (const times of [0, -1, 1.5, Number.NaN])
      await expect(
        apiClient().workflow(accountDeletion, { userId: 1 }, { failSteps: { export: times } }),
      ).rejects.toThrow(`failSteps: "export" must fail a whole number of attempts, at least 1 (got ${times})`)
  })
})
