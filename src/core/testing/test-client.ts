import { expect, onTestFailed } from 'vitest'
import type { App } from '../kernel/app'
import type { Provider } from '../kernel/di'
import type { Handler, HandlerSpec } from '../kernel/handler'
import { type ResponseMismatch, responseChecks } from '../kernel/response-mismatch'
import { logSinks } from '../middleware/log-sink'
import type { RequestLogLine } from '../middleware/logging'
import { contractOf } from './contract-of'
import { type CallInput, type CallResult, requestFor, routeOf } from './route-call'
import { type TriggerCalls, triggerCalls } from './trigger-calls'
import { type WorkflowCalls, workflowCalls } from './workflow-run'

/** Options of a test client. */
export interface TestClientOptions<Env, Who> {
  /** The bindings every request gets (in workerd tests, `env` from `cloudflare:test`). */
  readonly env: Env
  /** Providers that replace the app's own for this client, on every layer (they beat inner providers). */
  readonly overrides?: readonly Provider[]
  /** Signs in through the app's own auth and returns the headers that carry the credential. */
  readonly signIn?: (client: TestClient<Env, Who>, who: Who) => Promise<HeadersInit>
  /** Base URL of relative paths; default `https://test.local`. */
  readonly base?: string
  /**
   * Headers every request of this client carries; a function is called once per request, e.g. for a fresh
   * `cf-connecting-ip` each time so per-address rate limits never answer in place of what a test checks.
   */
  readonly headers?: HeadersInit | (() => HeadersInit)
  /**
   * The OpenAPI document every response is checked against (status, headers, body, streamed items): by default
   * the one generated from the app; `false` turns the check off for a client that tests a deliberate breach.
   */
  readonly contract?: Readonly<Record<string, unknown>> | false
  /**
   * Whether a result that fails its route's response schema makes `fetch`/`call` throw (default true), so a test
   * cannot pass over a handler whose answer breaks its own contract. `false` returns what production answers.
   */
  readonly strictResponses?: boolean
}

/**
 * A client that calls the app in process: raw `fetch`, typed calls per handler, sign-in, quiet logs, triggers and
 * workflow instances.
 */
export interface TestClient<Env, Who> extends TriggerCalls, WorkflowCalls {
  readonly app: App<Env>
  /** Sends a request (a path is resolved against `base`; `json` is sent as the JSON body) and settles its background work. */
  fetch(input: string | Request, init?: RequestInit & { readonly json?: unknown }): Promise<Response>
  /** Calls the route a handler was registered as, with inputs and result typed from its spec. */
  call<S extends HandlerSpec, E>(
    handler: Handler<S, E>,
    input: CallInput<S>,
    options?: { readonly path?: string; readonly headers?: HeadersInit },
  ): Promise<CallResult<S>>
  /** A client whose requests carry `who`'s credentials (signed in once, through `signIn`). */
  as(who: Who): Promise<TestClient<Env, Who>>
  /** The headers `as` signed in with (none before), for requests built by hand, such as one that swaps them. */
  readonly credentials: Headers
  /** The request log lines of this client's requests; printed only when the test fails. */
  readonly logs: readonly RequestLogLine[]
  /** Waits for the work requests handed to `waitUntil` (events, cache stores). */
  settle(): Promise<void>
}

const PROBLEM = 'application/problem+json'

const requestWithJson = (request: Request, json: unknown): Request => {
  const headers = new Headers(request.headers)
  if (!headers.has('content-type')) headers.set('content-type', 'application/json')
  return new Request(request, { headers, body: JSON.stringify(json) })
}

/**
 * Makes a client for an app, optionally with dependency overrides and a sign-in hook.
 * @example const client = testClient(app, { env, overrides: [provide(Mailer, () => fakeMailer)] })
 */
export function testClient<Env, Who = never>(
  app: App<Env>,
  options: TestClientOptions<Env, Who>,
): TestClient<Env, Who> {
  const built = options.overrides?.length ? app.withOverrides(options.overrides) : app
  const contract = contractOf(app, options.contract)
  const logs: RequestLogLine[] = []
  const pending: Promise<unknown>[] = []
  const reported = new Set<string>()
  const base = options.base ?? 'https://test.local'
  const executionCtx = {
    waitUntil: (p: Promise<unknown>) => void pending.push(p.catch(() => undefined)),
    passThroughOnException() {},
    props: {},
  } as unknown as ExecutionContext

  // Lines print only for a failing test: registered once per test that sent a request through this client.
  const reportOnFailure = () => {
    const from = logs.length
    try {
      onTestFailed(() => {
        for (const line of logs.slice(from)) console.log(JSON.stringify(line))
      })
    } catch {
      // Outside a test (beforeAll, module scope): nothing to attach to.
    }
  }
  const fixed = options.headers
  // A request's own headers win over the credentials, which win over the client's headers.
  const make = (credentials: Headers): TestClient<Env, Who> => {
    const client: TestClient<Env, Who> = {
      ...triggerCalls(built, options.env, executionCtx, () => client.settle()),
      ...workflowCalls(built, options.env),
      app: built,
      logs,
      get credentials() {
        return new Headers(credentials)
      },
      async fetch(input, init) {
        const { json, ...rest } = init ?? {}
        const request = new Request(typeof input === 'string' ? new URL(input, base) : input, rest)
        if (json !== undefined) return client.fetch(requestWithJson(request, json))
        const added = [...credentials, ...new Headers(typeof fixed === 'function' ? fixed() : fixed)]
        for (const [k, v] of added) if (!request.headers.has(k)) request.headers.set(k, v)
        const test = currentTest()
        if (!reported.has(test)) {
          reported.add(test)
          reportOnFailure()
        }
        logSinks.set(request, (line) => void logs.push(line))
        let mismatch: ResponseMismatch | undefined
        if (options.strictResponses !== false)
          responseChecks.set(request, (e) => {
            mismatch = e
          })
        const response = await built.fetch(request, options.env, executionCtx)
        await client.settle()
        if (mismatch) throw mismatch
        return contract(request, response)
      },
      async call(handler, input, opts) {
        const route = routeOf(built.routes, handler, opts?.path)
        const response = await client.fetch(requestFor(route, input as Record<string, unknown>, base, opts?.headers))
        const type = response.headers.get('content-type') ?? ''
        const json =
          type.startsWith('application/json') || type.startsWith(PROBLEM) ? await response.clone().json() : undefined
        const problem = type.startsWith(PROBLEM) ? (json as CallResult<never>['problem']) : undefined
        const ok = response.ok && !problem
        return {
          status: response.status,
          headers: response.headers,
          response,
          get data() {
            if (ok) return json as never
            const said = problem ? `: ${problem.title}${problem.detail ? ` (${problem.detail})` : ''}` : ''
            throw new Error(`${route.method} ${route.path} answered ${response.status}${said}; it has no data`)
          },
          problem,
        }
      },
      async as(who) {
        if (!options.signIn) throw new Error('testClient: pass a signIn hook to sign in')
        return make(new Headers(await options.signIn(make(credentials), who)))
      },
      async settle() {
        while (pending.length) await Promise.all(pending.splice(0))
      },
    }
    return client
  }
  return make(new Headers())
}

// The running test's name and file: requests from one test register one failure report.
const currentTest = (): string => {
  const state = expect.getState()
  return `${state.testPath ?? ''} > ${state.currentTestName ?? ''}`
}
