import type * as v from 'valibot'
import type { ResponseDoc } from './handler'

/**
 * A request the API sends back to the caller after an operation (OpenAPI's `callbacks`, FastAPI's `callbacks`):
 * where it goes, as a runtime expression over the request or response (`{$request.body#/callbackUrl}`), the
 * method, the body it carries and what the receiver should answer. Documentation only: the handler sends it, and
 * the document generator checks it (`callbacksOf`), so an app's Worker carries none of the check.
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

/**
 * A request the API sends to a receiver that registered outside it (OpenAPI `webhooks`): the body it carries and
 * what the receiver should answer. A plugin that sends them lists them (`Plugin.webhooks`), named.
 */
export type WebhookDoc = Omit<CallbackDoc, 'expression'> & {
  /** Signed as Standard Webhooks do: the request carries `webhook-id`, `webhook-timestamp` and `webhook-signature`. */
  readonly signed?: boolean
}
