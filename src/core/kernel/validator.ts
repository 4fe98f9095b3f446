import type { RequestContext } from './context'
import type { BodyParser, HandlerSpec } from './handler'
import type { InputSource, InputsResult, ParamsResult } from './inputs'
import type { ErrorReporter } from './pipeline'
import type { ResolvedRoute } from './route'

/**
 * What checks a route's schemas (its path params, query, headers, cookies, body and response): brought by the
 * `validation()` plugin, so an app that declares no schema bundles none of the parsing, coercion or checking. A
 * route that declares a schema in an app without it refuses to build, naming the route and the schema.
 */
export interface Validator {
  /** Refuses, at build, a route whose params schema names a parameter its path lacks. */
  readonly check: (route: string, path: string, spec: HandlerSpec) => void
  /** The route's params stage: each segment decoded once, then coerced and validated by its params schema. */
  readonly params: (spec: HandlerSpec) => (ctx: InputSource) => ParamsResult
  /** Reads and validates the declared query, headers, cookies and body, reporting every problem at once. */
  readonly inputs: (
    spec: HandlerSpec,
    bodyLimit: number,
    parseBody?: BodyParser,
  ) => (ctx: RequestContext) => InputsResult | Promise<InputsResult>
  /** Turns a handler's result into its response through the route's response schema. */
  readonly response: (
    route: ResolvedRoute,
    onError: ErrorReporter,
  ) => (result: unknown, ctx: RequestContext) => Response
}
