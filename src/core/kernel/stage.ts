import type { Middleware } from './middleware'

/**
 * Where a route's stages run, in order. The kernel owns `params` (path parameters percent-decoded once and
 * validated), `guards`, `inputs` (query, headers, cookies and body parsed once and validated) and the
 * handler; extensions join at the positions between them:
 * - `client`: after the layers' middleware, before anything is parsed; keyed on who connects (the address,
 *   a credential), so refused credentials still count;
 * - `guarded`: after the guards allowed the request, before its body is read;
 * - `validated`: after every input was validated; reads the same values the handler gets;
 * - `handler`: right around the handler, after every input-keyed stage (response caching, purges).
 */
export type StagePosition = 'client' | 'guarded' | 'validated' | 'handler'

/** Every position of a route's pipeline, the kernel's own included, in the order they run. */
export const STAGE_ORDER = [
  'middleware',
  'client',
  'params',
  'guards',
  'guarded',
  'inputs',
  'validated',
  'handler',
] as const

/** A position in `STAGE_ORDER`. */
export type PipelinePosition = (typeof STAGE_ORDER)[number]

/** One stage an extension adds to a route: where it runs, what it does, and what the document says of it. */
export interface Stage {
  readonly name: string
  readonly at: StagePosition
  /** Wraps the rest of the route: call `next()` to go on, throw or return a response to answer. */
  readonly run: Middleware
  /**
   * The facts the document needs to say what the stage does (values it settled at build: a TTL, the policies);
   * absent when it changes nothing the document says. The code that writes them into the route's OpenAPI operation
   * is the stage's `StageDescription` (`edgestar/openapi`), kept out of the plugin so a Worker that only serves
   * requests bundles none of it; a generator given no description for a stage with facts throws.
   */
  readonly describe?: unknown
}

/** The stages of a route in pipeline order; stages at one position keep their extensions' order. */
export const sortStages = (stages: readonly Stage[]): Stage[] =>
  stages
    .map((stage, i) => ({ stage, i, rank: STAGE_ORDER.indexOf(stage.at) }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((x) => x.stage)
