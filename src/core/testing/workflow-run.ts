import type * as v from 'valibot'
import { onTestFinished } from 'vitest'
import type { App } from '../kernel/app'
import type { WorkflowDefinition } from '../workflows/workflow'
import { hostInstance } from '../workflows/workflow-hosts'
import { observedStep } from './observed-step'

type Events = Readonly<Record<string, v.GenericSchema>>

/** What one `step.do` of a driven instance did. */
export interface StepOutcome {
  /** How many times its function ran, each with fresh dependencies (a mocked failure or a replay runs none). */
  readonly runs: number
  /** What `step.do` returned (stored, mocked or replayed alike); absent while it has not, or when it failed. */
  readonly result?: unknown
  /** The error that ended it, once its retries were spent. */
  readonly error?: string
}

/** How a test drives an instance. */
export interface WorkflowRunOptions<E extends Events> {
  /** The instance id; a fresh UUID by default. */
  readonly id?: string
  /** Events delivered to the instance's waits for them, by type (`mockEvent`: no route, no status check). */
  readonly events?: { readonly [K in keyof E]?: v.InferInput<E[K]> }
  /** Steps (by name) made to fail that many attempts before their function runs (`mockStepError`). */
  readonly failSteps?: Readonly<Record<string, number>>
  /** Steps (by name) that return this instead of running (`mockStepResult`). */
  readonly stepResults?: Readonly<Record<string, unknown>>
  /** Keep `step.sleep` and retry delays as declared; by default both are skipped. */
  readonly delays?: boolean
}

/** How a driven instance ended. */
export interface WorkflowResult<O> {
  readonly id: string
  /** `complete` or `errored` (or `terminated`). */
  readonly status: InstanceStatus['status']
  readonly output?: O
  readonly error?: { readonly name: string; readonly message: string }
  /** Each `step.do` by name (a second step of one name is `name#2`), in the order they started. */
  readonly steps: Readonly<Record<string, StepOutcome>>
}

/** A started instance a test drives: wait for a step, send an event, and wait for the end. */
export interface WorkflowRun<E extends Events, O> {
  readonly id: string
  /** Waits for a step's result (`waitForStepResult`); rejects when the step failed for good. */
  stepResult(name: string, index?: number): Promise<unknown>
  /** Sends the instance an event through its binding, as the event route would (without the route's checks). */
  send<K extends keyof E & string>(type: K, payload: v.InferInput<E[K]>): Promise<void>
  /** Waits until the instance completes, errors or is terminated; it is released when the test ends. */
  done(): Promise<WorkflowResult<O>>
}

/** The workflow call a test client adds: an instance run in the client's app, overrides included. */
export interface WorkflowCalls {
  /** Starts an instance of a workflow the app declares; its steps resolve their dependencies in this client's app. */
  workflow<P extends v.GenericSchema, E extends Events, O extends v.GenericSchema>(
    def: WorkflowDefinition<P, E, O>,
    params: v.InferInput<P>,
    options?: WorkflowRunOptions<E>,
  ): Promise<WorkflowRun<E, v.InferInput<O>>>
}

const FINAL = new Set(['complete', 'errored', 'terminated'])

type StepSelector = { readonly name: string; readonly index?: number }
/** The part of `cloudflare:test`'s instance introspector the driver uses (the package builds without its types). */
interface InstanceIntrospector {
  modify(
    fn: (m: {
      disableSleeps(): Promise<void>
      disableRetryDelays(): Promise<void>
      mockStepError(step: StepSelector, error: Error, times?: number): Promise<void>
      mockStepResult(step: StepSelector, result: unknown): Promise<void>
      mockEvent(event: { type: string; payload: unknown }): Promise<void>
    }) => Promise<void>,
  ): Promise<unknown>
  waitForStepResult(step: StepSelector): Promise<unknown>
  dispose(): Promise<void>
}
type Introspection = {
  introspectWorkflowInstance(workflow: Workflow<unknown>, id: string): Promise<InstanceIntrospector>
}

// Imported when a test drives a workflow, so `edgestar/testing` stays importable where `cloudflare:test` is not.
const introspection = () => import('cloudflare:test' as string) as Promise<Introspection>

/** Makes a client's workflow call for an app already built with its overrides. */
export function workflowCalls<Env>(app: App<Env>, env: Env): WorkflowCalls {
  return {
    async workflow(def, params, options = {}) {
      const name = def.spec.name
      if (!app.triggers.includes(def)) throw new Error(`The app does not declare the workflow "${name}"`)
      const binding = def.spec.binding(env as Cloudflare.Env)
      if (!binding) throw new Error(`The ${name} workflow is not bound in this env`)
      for (const [step, times] of Object.entries(options.failSteps ?? {}))
        if (!Number.isSafeInteger(times) || times < 1)
          throw new Error(`failSteps: "${step}" must fail a whole number of attempts, at least 1 (got ${times})`)
      const id = options.id ?? crypto.randomUUID()
      const { introspectWorkflowInstance } = await introspection()
      const introspector = await introspectWorkflowInstance(binding, id)
      const steps = new Map<string, { runs: number; result?: unknown; error?: string }>()
      const entry = (key: string) => steps.get(key) ?? steps.set(key, { runs: 0 }).get(key)!
      let release: () => void
      try {
        release = hostInstance(id, {
          app: app as App<never>,
          step: (step) =>
            observedStep(step, {
              ran: (key) => void entry(key).runs++,
              settled: (key, outcome) => void Object.assign(entry(key), outcome),
            }),
        })
      } catch (e) {
        await introspector.dispose()
        throw e
      }
      let ended = false
      const end = async () => {
        if (ended) return
        ended = true
        release()
        await introspector.dispose()
      }
      // The instance stays readable (its status route, its steps) until the test ends; outside one, `done()` ends it.
      let afterTest = true
      try {
        onTestFinished(end)
      } catch {
        afterTest = false
      }
      await introspector.modify(async (m) => {
        if (!options.delays) {
          await m.disableSleeps()
          await m.disableRetryDelays()
        }
        for (const [step, times] of Object.entries(options.failSteps ?? {}))
          await m.mockStepError({ name: step }, new Error(`${step} failed (mocked by the test)`), times)
        for (const [step, result] of Object.entries(options.stepResults ?? {}))
          await m.mockStepResult({ name: step }, result)
        for (const [type, payload] of Object.entries(options.events ?? {})) await m.mockEvent({ type, payload })
      })
      await binding.create({ id, params })
      return {
        id,
        stepResult: (step, index) => introspector.waitForStepResult({ name: step, ...(index ? { index } : {}) }),
        send: async (type, payload) => (await binding.get(id)).sendEvent({ type, payload }),
        async done() {
          const instance = await binding.get(id)
          // Polled, not `waitForStatus`: that rejects (and logs) when the instance ends otherwise than asked.
          let state = await instance.status()
          while (!FINAL.has(state.status)) {
            await new Promise((resolve) => setTimeout(resolve, 20))
            state = await instance.status()
          }
          const { status, output, error } = state
          if (!afterTest) await end()
          return {
            id,
            status,
            ...(status === 'complete' ? { output: output as never } : {}),
            ...(error ? { error } : {}),
            steps: Object.fromEntries([...steps].map(([key, outcome]) => [key, { ...outcome }])),
          }
        },
      }
    },
  }
}
