import type { WorkflowStep } from 'cloudflare:workers'
import type { App } from '../kernel/app'

/** The app a test runs one instance in (its client's, overrides included), and the runtime's step as it watches it. */
export interface WorkflowHost {
  readonly app: App<never>
  /** Wraps the runtime's step, so the test sees each step run and settle; brought by the testing kit. */
  readonly step: (step: WorkflowStep) => WorkflowStep
}

// The runtime constructs a Workflow's class and hands it only serializable params, so a test's overrides (closures)
// cannot travel with the instance: a test client registers its app here, by the instance id it is about to create,
// and the class looks the id up. Nothing else writes here, so a deployed Worker always finds it empty.
const hosts = new Map<string, WorkflowHost>()

/** The host a test registered for an instance, if any. */
export const hostOf = (instanceId: string): WorkflowHost | undefined => hosts.get(instanceId)

/** Runs the instance `instanceId` (not yet created) in `host`; the returned function releases it. */
export function hostInstance(instanceId: string, host: WorkflowHost): () => void {
  if (hosts.has(instanceId)) throw new Error(`Workflow instance ${instanceId} is already hosted by a test`)
  hosts.set(instanceId, host)
  return () => void hosts.delete(instanceId)
}
