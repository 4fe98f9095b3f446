import type { WorkflowStep, WorkflowStepContext } from 'cloudflare:workers'
import { errorFields } from '../triggers/log-line'
import type { StepObserver } from '../workflows/workflow-steps'

type StepCallback = (ctx: WorkflowStepContext) => Promise<unknown>
type Loose = Record<string, (...args: unknown[]) => Promise<unknown>>

/**
 * The runtime's `step` as a test that drives an instance watches it: each `step.do` is keyed by its name (`#2` on
 * for a second step of one name), `ran` when the runtime calls its function (a replayed or mocked step calls none),
 * `settled` with what `step.do` returned or the error that ended it. Everything else goes to the runtime's step.
 */
export function observedStep(step: WorkflowStep, observer: StepObserver): WorkflowStep {
  const counts = new Map<string, number>()
  const observedDo = (name: string, ...rest: unknown[]): Promise<unknown> => {
    const n = (counts.get(name) ?? 0) + 1
    counts.set(name, n)
    const key = n === 1 ? name : `${name}#${n}`
    // The callback is the last argument: `do(name, fn)` or `do(name, config, fn)`.
    const callback = rest.pop() as StepCallback
    const ran: StepCallback = (ctx) => {
      observer.ran(key)
      return callback(ctx)
    }
    const done = (step as unknown as Loose).do!(name, ...rest, ran)
    return done.then(
      (result) => {
        observer.settled(key, { result })
        return result
      },
      (e: unknown) => {
        observer.settled(key, { error: errorFields(e).error })
        throw e
      },
    )
  }
  // The runtime's step may be an RPC stub, whose every property is a remote call (`bind` and `call` too): its other
  // methods are called on it by name.
  return new Proxy(step, {
    get: (target, property) =>
      property === 'do'
        ? observedDo
        : (...args: unknown[]) => (target as unknown as Loose)[property as string]!(...args),
  })
}
