import { cleanUpAfter } from './cleanup'
import { checkProviders, type Provider, resolveAll } from './di'
import type { ErrorReporter } from './pipeline'
import { Context } from './request-context'
import { REQUEST_ID } from './request-id'
import type { QueueTrigger, ScheduledTrigger, Trigger, TriggerContext, TriggerScope } from './trigger'

/** The app's `scheduled` and `queue` handlers, and the scope any declared trigger runs its work in. */
export interface TriggerHandlers {
  /** The dependency scope of the trigger declared as `name`; throws when the app declares none of that name. */
  scopeOf(name: string, env: Cloudflare.Env, executionCtx: ExecutionContext): TriggerScope
  scheduled(controller: ScheduledController, env: Cloudflare.Env, executionCtx: ExecutionContext): Promise<void>
  queue(batch: MessageBatch<unknown>, env: Cloudflare.Env, executionCtx: ExecutionContext): Promise<void>
}

/**
 * Checks the app's triggers once, when it is built (unique names, every injection provided by the app layer, the
 * trigger or an override), and returns the Worker handlers that run them.
 */
export function bindTriggers(
  triggers: readonly Trigger[],
  appProviders: readonly Provider[],
  overrides: readonly Provider[],
  report: ErrorReporter,
): TriggerHandlers {
  const names = new Map<string, Trigger>()
  const labels = { scheduled: 'Job', queue: 'Consumer', workflow: 'Workflow' } as const
  const providersOf = new Map<Trigger, Map<string, Provider>>()
  for (const t of triggers) {
    const label = `${labels[t.kind]} "${t.name}"`
    if (names.has(t.name)) throw new Error(`${label} is declared twice`)
    names.set(t.name, t)
    const providers = new Map<string, Provider>()
    for (const p of [...appProviders, ...(t.dependencies ?? []), ...overrides]) providers.set(p.key.name, p)
    checkProviders(label, Object.values(t.inject ?? {}), providers)
    providersOf.set(t, providers)
  }

  const scopeFor = (t: Trigger, env: Cloudflare.Env, executionCtx: ExecutionContext): TriggerScope => ({
    env,
    executionCtx,
    report,
    run(runId, work) {
      // No request started this run: a stand-in names the trigger, for providers and logs that read one.
      // POST: a trigger's work is a write, so providers that tell reads from writes (D1 sessions) take the primary.
      const request = new Request(`https://trigger.invalid/${t.kind}/${encodeURIComponent(t.name)}`, { method: 'POST' })
      const ctx = new Context(request, env, executionCtx, new URL(request.url).pathname)
      ctx.providers = providersOf.get(t)!
      ctx.state.set(REQUEST_ID, runId)
      const view = ctx as unknown as { deps: Record<string, unknown>; runId: string }
      view.runId = runId
      const outcome = resolveAll(ctx, t.inject ?? {}).then((deps) => {
        view.deps = deps
        return work(ctx as unknown as TriggerContext)
      })
      return cleanUpAfter(ctx, outcome)
    },
  })

  const jobs = triggers.filter((t): t is ScheduledTrigger => t.kind === 'scheduled')
  const consumers = triggers.filter((t): t is QueueTrigger => t.kind === 'queue')
  return {
    scopeOf(name, env, executionCtx) {
      const t = names.get(name)
      if (!t) throw new Error(`The app declares no trigger "${name}": add it to createApp({ triggers })`)
      return scopeFor(t, env, executionCtx)
    },
    async scheduled(controller, env, executionCtx) {
      const due = jobs.filter((j) => j.cron === controller.cron)
      if (!due.length) throw new Error(`No job is declared for cron "${controller.cron}"`)
      const results = await Promise.allSettled(due.map((j) => j.handle(controller, scopeFor(j, env, executionCtx))))
      const failed = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []))
      // Thrown, so the platform records the invocation as failed; each job already reported its own error.
      if (failed.length) throw failed.length === 1 ? failed[0] : new AggregateError(failed, 'Jobs failed')
    },
    async queue(batch, env, executionCtx) {
      const consumer = consumers.find((c) => c.accepts(batch.queue))
      if (!consumer) throw new Error(`No consumer is declared for queue "${batch.queue}"`)
      await consumer.handle(batch, scopeFor(consumer, env, executionCtx))
    },
  }
}
