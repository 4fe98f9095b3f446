import type { Injections, Provider, Resolved } from '../kernel/di'
import type { ScheduledTrigger } from '../kernel/trigger'
import { isCronExpression } from './cron-expression'
import { logLine } from './log-line'
import { runReported } from './run-reported'
import { triggerFields } from './trigger-fields'

/** What a job declares besides its schedule. */
export interface JobSpec<I extends Injections = Record<never, never>> {
  /** Unique among the app's triggers; names the job in logs. */
  readonly name: string
  readonly inject?: I
  /** Providers of this job only; they win over the app layer's. */
  readonly dependencies?: readonly Provider[]
  /** What the job does; the doc comment above `export const job = cron(...)` gives it at document-build time. */
  readonly description?: string
}

/** What a job's function receives. */
export interface JobContext<I extends Injections = Record<never, never>, Env = Cloudflare.Env> {
  readonly env: Env
  readonly deps: Resolved<I>
  /** This run's id: in every log line of the run, and what `requestIdOf(ctx)` returns. */
  readonly runId: string
  readonly cron: string
  /** When the platform scheduled this run. */
  readonly scheduledTime: Date
  waitUntil(promise: Promise<unknown>): void
}

/** A job: its cron expression, spec and function; declared in `createApp({ triggers })`. */
export interface Job<I extends Injections = Injections> extends ScheduledTrigger {
  readonly spec: JobSpec<I>
}

/**
 * Declares a job run on a cron schedule, in the app's dependency layers; each run is logged with a run id (and
 * what the function returned, if anything), and a failure goes to the app's `onError` and marks the invocation failed. List the expression in wrangler.toml's
 * `[triggers] crons` too.
 * @example cron('0 3 * * *', { name: 'purge', inject: { db: Db } }, ({ deps: { db } }) => db.purgeExpired())
 */
export function cron<const I extends Injections = Record<never, never>, Env = Cloudflare.Env>(
  expression: string,
  spec: JobSpec<I>,
  fn: (ctx: JobContext<I, Env>) => unknown,
): Job<I> {
  if (!isCronExpression(expression)) throw new Error(`Job "${spec.name}": "${expression}" is not a cron expression`)
  return {
    kind: 'scheduled',
    ...triggerFields(spec),
    cron: expression,
    async handle(controller, scope) {
      const runId = crypto.randomUUID()
      const job = spec.name
      const started = Date.now()
      // A failure goes to the app's reporter (with the run id as request id and /scheduled/<job> as path).
      await runReported(scope, runId, async (ctx) => {
        const result = await fn({
          env: ctx.env as Env,
          deps: ctx.deps as Resolved<I>,
          runId,
          cron: controller.cron,
          scheduledTime: new Date(controller.scheduledTime),
          waitUntil: (p) => ctx.waitUntil(p),
        })
        const done = { msg: 'job done', job, cron: expression, runId, ms: Date.now() - started }
        // What the job returned (counts of what it did, say) goes into its log line.
        logLine('info', result === undefined ? done : { ...done, result })
      })
    },
  }
}
