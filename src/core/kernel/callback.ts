import type * as v from 'valibot'
import type { ResponseDoc } from './handler'

/**
 * A request the API sends back to the caller after an operation (OpenAPI's `callbacks`, FastAPI's `callbacks`):
 * where it goes, as a runtime expression over the request or response (`{$request.body#/callbackUrl}`), the
 * method, the body it carries and what the receiver should answer. Documentation only: the handler sends it.
 */
export interface CallbackDoc {
  /** A URL or a runtime expression in braces: `{$request.body#/callbackUrl}`, `{$request.query.hook}`. */
  readonly expression: string
  /** Defaults to POST. */
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  readonly summary?: string
  readonly description?: string
  /** The JSON body the callback request carries. */
  readonly body: v.GenericSchema
  /** What the receiver should answer, by status; by default any 2XX (anything else counts as a failed delivery). */
  readonly responses?: Readonly<Record<number | `${number}XX`, ResponseDoc>>
}

// OpenAPI's runtime expressions (3.1 §4.8.20.4): $url, $method, $statusCode, or a part of the request or response.
const EXPRESSION =
  /\{\$(?:url|method|statusCode|(?:request|response)\.(?:header\.[!#$%&'*+.^_`|~0-9A-Za-z-]+|query\.[^{}]+|path\.[^{}]+|body(?:#(?:\/[^{}]*)?)?))\}/g

/**
 * Checks a route's callbacks at build: each name a token, each expression a URL or one with runtime
 * expressions only (a stray brace or an unknown source would be a URL no client can resolve).
 */
export function checkCallbacks(where: string, callbacks: Readonly<Record<string, CallbackDoc>> | undefined): void {
  for (const [name, cb] of Object.entries(callbacks ?? {})) {
    if (!/^[A-Za-z0-9_.-]+$/.test(name))
      throw new Error(`${where} declares the callback "${name}": a callback name is letters, digits, . _ and -`)
    const rest = cb.expression.replace(EXPRESSION, '')
    const expressions = cb.expression.length - rest.length
    if (/[{}\s]/.test(rest) || (!expressions && !URL.canParse(cb.expression)))
      throw new Error(
        `${where} declares the callback "${name}" at ${JSON.stringify(cb.expression)}, which is neither a URL nor a runtime expression such as {$request.body#/callbackUrl}`,
      )
  }
}

/**
 * A request the API sends to a receiver that registered outside it (OpenAPI `webhooks`): the body it carries and
 * what the receiver should answer. A plugin that sends them lists them (`Plugin.webhooks`), named.
 */
export type WebhookDoc = Omit<CallbackDoc, 'expression'> & {
  /** Signed as Standard Webhooks do: the request carries `webhook-id`, `webhook-timestamp` and `webhook-signature`. */
  readonly signed?: boolean
}
