import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from 'cloudflare:workers'
import * as v from 'valibot'
import type { App } from '../kernel/app'
import type { WorkflowDefinition } from './workflow'
import { hostOf } from './workflow-hosts'
import { workflowSteps } from './workflow-steps'

/** A Workflow class: what wrangler.toml's `[[workflows]]` `class_name` names, exported from the Worker's entry. */
export type WorkflowClass = new (
  ctx: ExecutionContext,
  env: Cloudflare.Env,
) => WorkflowEntrypoint<Cloudflare.Env, unknown>

/**
 * The class wrangler.toml's `[[workflows]]` names for a workflow the app declares (`createApp({ triggers })`):
 * validates the params an instance starts with (one created through the binding directly was not checked by the
 * start route) and runs it, each step attempt in a dependency scope of the app. Throws when the app does not
 * declare the workflow, whose injections it would then never have checked.
 * @example export class AccountDeletion extends workflowEntrypoint(app, accountDeletion) {} // in the Worker's entry
 */
export function workflowEntrypoint(app: App<never>, def: WorkflowDefinition): WorkflowClass {
  const name = def.spec.name
  if (!app.triggers.includes(def))
    throw new Error(`Workflow "${name}" is not declared by the app: add it to createApp({ triggers })`)
  return class extends WorkflowEntrypoint<Cloudflare.Env, unknown> {
    override async run(event: Readonly<WorkflowEvent<unknown>>, step: WorkflowStep): Promise<unknown> {
      const parsed = v.safeParse(def.spec.params, event.payload)
      if (!parsed.success) throw new Error(`${name}: invalid params: ${v.summarize(parsed.issues)}`)
      const { instanceId } = event
      const host = hostOf(instanceId)
      const env = this.env
      const base = this.ctx
      const scopeApp = (host?.app ?? app) as App<Cloudflare.Env>
      return def.run({
        params: parsed.output,
        step: workflowSteps({
          step: host ? host.step(step) : step,
          workflow: name,
          instanceId,
          scope: (waitUntil) =>
            scopeApp.triggerScope(name, env, {
              waitUntil,
              passThroughOnException: () => base.passThroughOnException(),
              props: base.props,
            } as ExecutionContext),
        }),
        env,
        instanceId,
        waitFor: async (eventName, type, timeout) =>
          (await step.waitForEvent(eventName, { type, ...(timeout === undefined ? {} : { timeout }) }))
            .payload as never,
      })
    }
  }
}
