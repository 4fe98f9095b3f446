import type { WorkflowStep, WorkflowTimeoutDuration } from 'cloudflare:workers'
import type * as v from 'valibot'

type Schema = v.GenericSchema
type Events = Readonly<Record<string, Schema>>

/** What a workflow declares: its name, its params and the events it waits for (each a valibot schema). */
export interface WorkflowSpec<P extends Schema, E extends Events = Record<never, never>, O extends Schema = Schema> {
  /** Names the workflow in routes (`start…`, `get…Status`), operation ids and logs. */
  readonly name: string
  /** The params an instance starts with: validated by the start route and again when the instance runs. */
  readonly params: P
  /** Events an instance may be sent, by type: each gets a route, its body validated by the schema. */
  readonly events?: E
  /** What a completed instance returns, as its status shows it. */
  readonly output?: O
  /** The Workflow binding (wrangler.toml `[[workflows]]`). */
  readonly binding: (env: Cloudflare.Env) => Workflow<unknown> | undefined
  readonly description?: string
}

/** What a workflow's function gets: its params, the step API, the bindings, and typed event waits. */
export interface WorkflowRunContext<P extends Schema, E extends Events, Env = Cloudflare.Env> {
  readonly params: v.InferOutput<P>
  readonly step: WorkflowStep
  readonly env: Env
  readonly instanceId: string
  /** Waits (as `step.waitForEvent`) for an event of a declared type; its payload was validated by its route. */
  waitFor<K extends keyof E & string>(
    name: string,
    type: K,
    timeout?: WorkflowTimeoutDuration,
  ): Promise<v.InferOutput<E[K]>>
}

/** A declared workflow: its spec and function. The class the runtime runs is `workflowEntrypoint(def)`. */
export interface WorkflowDefinition<
  P extends Schema = Schema,
  E extends Events = Events,
  O extends Schema = Schema,
  Env = Cloudflare.Env,
> {
  readonly kind: 'workflow'
  readonly spec: WorkflowSpec<P, E, O>
  /** A method, so a definition of any schemas is a `WorkflowDefinition` (what routes and the class take). */
  run(ctx: WorkflowRunContext<P, E, Env>): Promise<v.InferInput<O>>
}

/**
 * Declares a Cloudflare Workflow with typed params and events. `workflowRoutes(def)` makes its routes (start,
 * status, one per event type) to put under any guarded router; `workflowEntrypoint(def)` (`edgestar/workers`)
 * is the class wrangler.toml's `[[workflows]]` names.
 * @example workflow({ name: 'export', params: v.object({ userId: Id }), binding: (env) => env.EXPORTS }, async ({ params, step }) => step.do('write', () => write(params.userId)))
 */
export function workflow<
  P extends Schema,
  const E extends Events = Record<never, never>,
  O extends Schema = Schema,
  Env = Cloudflare.Env,
>(
  spec: WorkflowSpec<P, E, O>,
  run: (ctx: WorkflowRunContext<P, E, Env>) => Promise<v.InferInput<O>>,
): WorkflowDefinition<P, E, O, Env> {
  if (!/^[a-z][a-z0-9-]*$/.test(spec.name)) throw new Error(`workflow "${spec.name}": names are lower-case kebab-case`)
  return { kind: 'workflow', spec, run }
}
