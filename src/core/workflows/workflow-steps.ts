import type { WorkflowSleepDuration, WorkflowStep, WorkflowStepConfig, WorkflowStepContext } from 'cloudflare:workers'
import type { Injections, Resolved } from '../kernel/di'
import type { TriggerScope } from '../kernel/trigger'
import { errorFields, logLine } from '../triggers/log-line'
import { runReported } from '../triggers/run-reported'

/** What a step's function gets: the workflow's injections made for this attempt, and where it is. */
export interface StepContext<I extends Injections = Record<never, never>, Env = Cloudflare.Env> {
  /** Resolved for this attempt only: a retry gets fresh values, and their disposers run before the step ends. */
  readonly deps: Resolved<I>
  readonly env: Env
  /** The instance's id: the run id of the step's log lines, and what `requestIdOf(ctx)` returns to providers. */
  readonly runId: string
  /** The step's name, as `step.do` was given it. */
  readonly step: string
  /** 1 on the first attempt (the runtime's count, so an attempt that a test's mock failed counts too). */
  readonly attempt: number
  /** Work the step waits for before it ends (and before its disposers run). */
  waitUntil(promise: Promise<unknown>): void
}

/** The step function of `step.do`: what it returns is stored by the runtime and replayed, never run again. */
export type StepFunction<T, I extends Injections, Env> = (ctx: StepContext<I, Env>) => Promise<T>

/** The runtime's `step`, whose `do` functions run in the app's dependency layers. */
export interface WorkflowSteps<I extends Injections = Record<never, never>, Env = Cloudflare.Env> {
  /** Runs `fn` once (retried on a throw as `config` says), each attempt in a dependency scope of its own. */
  do<T extends Rpc.Serializable<T>>(name: string, fn: StepFunction<T, I, Env>): Promise<T>
  do<T extends Rpc.Serializable<T>>(name: string, config: WorkflowStepConfig, fn: StepFunction<T, I, Env>): Promise<T>
  sleep(name: string, duration: WorkflowSleepDuration): Promise<void>
  sleepUntil(name: string, timestamp: Date | number): Promise<void>
}

/** What a run's steps report, for a test that drives the instance (`testClient(...).workflow`). */
export interface StepObserver {
  /** A step's function is about to run (its `key` is its name, `#2` on for a second step of one name). */
  ran(key: string): void
  /** `step.do` settled in `run()`: with its (maybe replayed or mocked) result, or the error that ended it. */
  settled(key: string, outcome: { readonly result: unknown } | { readonly error: string }): void
}

/** Where a run's steps come from: the runtime's step, a scope per attempt, the ids their log lines carry. */
export interface StepsOptions {
  readonly step: WorkflowStep
  readonly workflow: string
  readonly instanceId: string
  /** A dependency scope of the app for one attempt, whose background work is handed to `waitUntil`. */
  readonly scope: (waitUntil: (promise: Promise<unknown>) => void) => TriggerScope
}

/**
 * Wraps the runtime's `step` so each `step.do` attempt resolves the workflow's injections in a scope of its own
 * and runs their disposers (newest first, `before` and `after` alike) before the attempt's result or error goes
 * back to the runtime: nothing made for one attempt outlives it, so nothing is held across a sleep or a retry.
 * A step the runtime replays from its stored result runs no function and makes nothing.
 */
export function workflowSteps<I extends Injections, Env>(options: StepsOptions): WorkflowSteps<I, Env> {
  const { step, workflow, instanceId } = options

  const attempt = async <T>(name: string, fn: StepFunction<T, I, Env>, at: number): Promise<T> => {
    const pending: Promise<unknown>[] = []
    const scope = options.scope((p) => void pending.push(p))
    const fields = { workflow, instanceId, step: name, attempt: at }
    const started = Date.now()
    try {
      const result = await runReported(scope, instanceId, (ctx) =>
        fn({
          deps: ctx.deps as Resolved<I>,
          env: ctx.env as Env,
          runId: instanceId,
          step: name,
          attempt: at,
          waitUntil: (p) => ctx.waitUntil(p),
        }),
      )
      logLine('info', { msg: 'step done', ...fields, ms: Date.now() - started })
      return result
    } catch (e) {
      logLine('warn', { msg: 'step attempt failed', ...fields, ...errorFields(e) })
      throw e
    } finally {
      // The step's own waitUntil work and the `after` disposers: done before the attempt counts as ended.
      while (pending.length) await Promise.allSettled(pending.splice(0))
    }
  }

  return {
    do<T extends Rpc.Serializable<T>>(
      name: string,
      a: WorkflowStepConfig | StepFunction<T, I, Env>,
      b?: StepFunction<T, I, Env>,
    ): Promise<T> {
      const fn = (typeof a === 'function' ? a : b)!
      const callback = (ctx: WorkflowStepContext) => attempt(name, fn, ctx?.attempt ?? 1)
      return typeof a === 'function' ? step.do(name, callback) : step.do(name, a, callback)
    },
    sleep: (name, duration) => step.sleep(name, duration),
    sleepUntil: (name, timestamp) => step.sleepUntil(name, timestamp),
  }
}
