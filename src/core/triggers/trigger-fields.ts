import type { Injections, Provider } from '../kernel/di'
import { bindTriggers } from '../kernel/trigger-host'

/** What a trigger's spec declares alike, whatever its kind: its name, its injections and its own providers. */
export interface TriggerSpecBase {
  readonly name: string
  readonly inject?: Injections
  readonly dependencies?: readonly Provider[]
}

/**
 * The fields every trigger carries alike (`cron()`, `consumer()`, `workflow()`): its name, spec, injections and
 * providers, and the host that checks and runs the app's triggers, brought by the trigger itself.
 */
export const triggerFields = <S extends TriggerSpecBase>(spec: S) => ({
  name: spec.name,
  spec,
  host: bindTriggers,
  inject: spec.inject,
  dependencies: spec.dependencies,
})
