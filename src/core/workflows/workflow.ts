import type { WorkflowTimeoutDuration } from 'cloudflare:workers'
import type * as v from 'valibot'
import type { Injections, Provider } from '../kernel/di'
import type { WorkflowTrigger } from '../kernel/trigger'
import { triggerFields } from '../triggers/trigger-fields'
import type { WorkflowSteps } from './workflow-steps'

type Schema = v.GenericSchema
type Events = Readonly<Record<string, Schema>>

/** What a workflow declares: its name, its params and the events it waits for (each a valibot schema). */
export interface WorkflowSpec<
  P extends Schema,
  E extends Events = Record<never, never>,
  O extends Schema = Schema,
  I extends Injections = Record<never, never>,
> {
  /** Names the workflow in routes (`start…`, `get…Status`), operation ids and logs; unique among the app's triggers. */
  readonly name: string
  /** The params an instance starts with: validated by the start route and again when the instance runs. */
  readonly params: P
  /** Events an instance may be sent, by type: each gets a route, its body validated by the schema. */
  readonly events?: E
  /** What a completed instance returns, as its status shows it. */
  readonly output?: O
  /** What each step gets in `deps`, resolved afresh for every attempt of every step from the app's providers. */
  readonly inject?: I
  /** Providers of this workflow's steps only; they win over the app layer's. */
  readonly dependencies?: readonly Provider[]
  /** The Workflow binding (wrangler.toml `[[workflows]]`). */
  readonly binding: (env: Cloudflare.Env) => Workflow<unknown> | undefined
  /** The start route's description; the doc comment above `const w = workflow({ ... })` gives it too. */
  readonly description?: string
}

/** What a workflow's function gets: its params, the steps, the bindings, and typed event waits. */
export interface WorkflowRunContext<
  P extends Schema,
  E extends Events,
  Env = Cloudflare.Env,
  I extends Injections = Record<never, never>,
> {
  readonly params: v.InferOutput<P>
  /** The runtime's steps; each `step.do` function gets the workflow's injections, made for that attempt. */
  readonly step: WorkflowSteps<I, Env>
  readonly env: Env
  readonly instanceId: string
  /** Waits (as `step.waitForEvent`) for an event of a declared type; its payload was validated by its route. */
  waitFor<K extends keyof E & string>(
    name: string,
    type: K,
    timeout?: WorkflowTimeoutDuration,
  ): Promise<v.InferOutput<E[K]>>
}

/** A declared workflow: its spec and function. The class the runtime runs is `workflowEntrypoint(app, def)`. */
export interface WorkflowDefinition<
  P extends Schema = Schema,
  E extends Events = Events,
  O extends Schema = Schema,
  Env = Cloudflare.Env,
  I extends Injections = Injections,
> extends WorkflowTrigger {
  readonly spec: WorkflowSpec<P, E, O, I>
  /** A method, so a definition of any schemas is a `WorkflowDefinition` (what routes and the class take). */
  run(ctx: WorkflowRunContext<P, E, Env, I>): Promise<v.InferInput<O>>
}

/**
 * Declares a Cloudflare Workflow with typed params, events and step dependencies. List it in
 * `createApp({ triggers })` (its injections are checked there); `workflowRoutes(def)` makes its routes (start,
 * status, one per event type) to put under any guarded router; `workflowEntrypoint(app, def)` (`edgestar/workers`)
 * is the class wrangler.toml's `[[workflows]]` names.
 * @example workflow({ name: 'export', params: v.object({ userId: Id }), inject: { db: Db }, binding: (env) => env.EXPORTS }, async ({ params, step }) => step.do('write', ({ deps: { db } }) => write(db, params.userId)))
 */
export function workflow<
  P extends Schema,
  const E extends Events = Record<never, never>,
  O extends Schema = Schema,
  const I extends Injections = Record<never, never>,
  Env = Cloudflare.Env,
>(
  spec: WorkflowSpec<P, E, O, I>,
  run: (ctx: WorkflowRunContext<P, E, Env, I>) => Promise<v.InferInput<O>>,
): WorkflowDefinition<P, E, O, Env, I> {
  if (!/^[a-z][a-z0-9-]*$/.test(spec.name)) throw new Error(`workflow "${spec.name}": names are lower-case kebab-case`)
  return {
    kind: 'workflow',
    ...triggerFields(spec),
    run,
  }
}
