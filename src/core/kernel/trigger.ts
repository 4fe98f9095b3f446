import type { GenericSchema } from 'valibot'
import type { RequestContext } from './context'
import type { Injections, Provider } from './di'
import type { ErrorReporter } from './pipeline'
import type { bindTriggers } from './trigger-host'

/** A trigger run's context: what providers get (a stand-in request names the trigger), with its injections. */
export interface TriggerContext<Env = Cloudflare.Env> extends RequestContext<Env> {
  /** The injections the trigger declared, resolved. */
  readonly deps: Record<string, unknown>
  /** The id of this run, also what `requestIdOf(ctx)` returns, so log lines of one run share it. */
  readonly runId: string
}

/** What the app hands a trigger's handler: a dependency scope per unit of work, and its error reporter. */
export interface TriggerScope {
  readonly env: Cloudflare.Env
  readonly executionCtx: ExecutionContext
  /**
   * Runs `work` in a context of its own: the trigger's injections resolved from the app's providers (and its own,
   * and a test client's overrides), `runId` as its request id; the dependencies' cleanups run once `work` ends.
   */
  run<R>(runId: string, work: (ctx: TriggerContext) => Promise<R>): Promise<R>
  /** The app's error reporter (`AppOptions.onError`). */
  readonly report: ErrorReporter
}

interface TriggerBase {
  /** Unique among the app's triggers: names it in logs and errors. */
  readonly name: string
  readonly inject?: Injections
  /** Providers of this trigger only; they win over the app layer's. */
  readonly dependencies?: readonly Provider[]
  /**
   * What checks the app's triggers and runs them as its `scheduled` and `queue` handlers (`bindTriggers`): brought
   * by the trigger (`cron()` and `consumer()` set it), so an app that declares none bundles none of it.
   */
  readonly host: typeof bindTriggers
}

/** A job the app runs on a cron schedule (`cron()` in `edgestar/triggers`). */
export interface ScheduledTrigger extends TriggerBase {
  readonly kind: 'scheduled'
  /** The cron expression, exactly as wrangler.toml's `[triggers] crons` lists it. */
  readonly cron: string
  handle(controller: ScheduledController, scope: TriggerScope): Promise<void>
}

/** A queue consumer (`consumer()` in `edgestar/triggers`). */
export interface QueueTrigger extends TriggerBase {
  readonly kind: 'queue'
  /** Whether a batch from this queue is this consumer's. */
  accepts(queue: string): boolean
  /** The queue's name when the consumer names one queue: the AsyncAPI channel's address. */
  readonly queue?: string
  /** Each message's body: validated per message, and described in the AsyncAPI document. */
  readonly message?: GenericSchema
  readonly description?: string
  handle(batch: MessageBatch<unknown>, scope: TriggerScope): Promise<void>
}

/**
 * A Workflow (`workflow()` in `edgestar/workflows`): the runtime runs it through its own class, and each attempt of
 * each step runs in a scope of the app (`App.triggerScope`), so its injections are checked when the app is built.
 */
export interface WorkflowTrigger extends TriggerBase {
  readonly kind: 'workflow'
}

/** What runs outside `fetch` in the app's dependency layers: cron jobs, queue consumers and Workflow steps. */
export type Trigger = ScheduledTrigger | QueueTrigger | WorkflowTrigger
