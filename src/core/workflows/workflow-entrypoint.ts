import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from 'cloudflare:workers'
import * as v from 'valibot'
import type { WorkflowDefinition } from './workflow'

/** A Workflow class: what wrangler.toml's `[[workflows]]` `class_name` names, exported from the Worker's entry. */
export type WorkflowClass = new (
  ctx: ExecutionContext,
  env: Cloudflare.Env,
) => WorkflowEntrypoint<Cloudflare.Env, unknown>

/**
 * The class wrangler.toml's `[[workflows]]` names for a declared workflow: validates the params an instance
 * starts with (one created through the binding directly was not checked by the start route) and runs it.
 * @example export class AccountDeletion extends workflowEntrypoint(accountDeletion) {} // in the Worker's entry
 */
export function workflowEntrypoint(def: WorkflowDefinition): WorkflowClass {
  return class extends WorkflowEntrypoint<Cloudflare.Env, unknown> {
    override async run(event: Readonly<WorkflowEvent<unknown>>, step: WorkflowStep): Promise<unknown> {
      const parsed = v.safeParse(def.spec.params, event.payload)
      if (!parsed.success) throw new Error(`${def.spec.name}: invalid params: ${v.summarize(parsed.issues)}`)
      return def.run({
        params: parsed.output,
        step,
        env: this.env,
        instanceId: event.instanceId,
        waitFor: async (name, type, timeout) =>
          (await step.waitForEvent(name, { type, ...(timeout === undefined ? {} : { timeout }) })).payload as never,
      })
    }
  }
}
