import type { TriggerContext, TriggerScope } from '../kernel/trigger'

/**
 * Runs a trigger's work in a scope of its own (`scope.run`), handing a failure to the app's reporter with the run's
 * context before it goes on to the caller: how jobs, consumers and workflow steps report what they throw.
 */
export const runReported = <R>(
  scope: TriggerScope,
  runId: string,
  work: (ctx: TriggerContext) => Promise<R>,
): Promise<R> =>
  scope.run(runId, (ctx) =>
    work(ctx).catch((e: unknown) => {
      scope.report(e, ctx)
      throw e
    }),
  )
