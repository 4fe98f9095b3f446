import * as v from 'valibot'
import type { Injections, Provider, Resolved } from '../kernel/di'
import type { QueueTrigger } from '../kernel/trigger'
import { deadLetter } from './dead-letter'
import { errorFields, logLine } from './log-line'
import { runReported } from './run-reported'
import { triggerFields } from './trigger-fields'

/** Which queues a consumer takes: a name, names, or a test of the name (environments name queues apart). */
export type QueueMatch = string | readonly string[] | ((queue: string) => boolean)

/** What a consumer declares. */
export interface ConsumerSpec<S extends v.GenericSchema, I extends Injections = Record<never, never>> {
  /** Unique among the app's triggers; names the consumer in logs. */
  readonly name: string
  readonly queue: QueueMatch
  /** Each message's body is validated by it, on its own; the handler gets the output. */
  readonly message: S
  readonly inject?: I
  /** Providers of this consumer only; they win over the app layer's. */
  readonly dependencies?: readonly Provider[]
  /**
   * Where a message that fails validation goes, once, before it is acknowledged (a retry could never make it
   * valid). `false` only logs and acknowledges it. A missing binding retries the message until it is there.
   */
  readonly deadLetter: ((env: Cloudflare.Env) => Queue<unknown> | undefined) | false
  /** Seconds before a failed message is retried; grows with its attempt by default (2, 4, 8, ... up to 300). */
  readonly retryDelay?: (attempt: number) => number
  /** The queue's AsyncAPI description; the doc comment above `const c = consumer({ ... })` gives it too. */
  readonly description?: string
}

/** What a consumer's function receives with each valid message. */
export interface MessageContext<I extends Injections = Record<never, never>, Env = Cloudflare.Env> {
  readonly env: Env
  readonly deps: Resolved<I>
  /** The message's id: the run id of its log lines. */
  readonly messageId: string
  readonly queue: string
  /** 1 on the first delivery. */
  readonly attempt: number
  waitUntil(promise: Promise<unknown>): void
}

/** A consumer: declared in `createApp({ triggers })`; `spec.message` describes the queue in the AsyncAPI document. */
export interface Consumer<S extends v.GenericSchema = v.GenericSchema> extends QueueTrigger {
  readonly spec: ConsumerSpec<S, Injections>
}

const backoff = (attempt: number) => Math.min(2 ** attempt, 300)

const matcher = (match: QueueMatch): ((queue: string) => boolean) =>
  typeof match === 'function' ? match : typeof match === 'string' ? (q) => q === match : (q) => match.includes(q)

/**
 * Declares a typed queue consumer. Each message is handled on its own: one that fails validation is logged,
 * sent to the dead-letter queue and acknowledged (never retried); a valid one is acknowledged when the function
 * returns, or retried with a growing delay when it throws, in its own dependency scope.
 * @example consumer({ name: 'mail', queue: 'mail', message: Mail, deadLetter: (env) => env.MAIL_DLQ }, (mail, { env }) => send(env, mail))
 */
export function consumer<
  S extends v.GenericSchema,
  const I extends Injections = Record<never, never>,
  Env = Cloudflare.Env,
>(spec: ConsumerSpec<S, I>, fn: (message: v.InferOutput<S>, ctx: MessageContext<I, Env>) => unknown): Consumer<S> {
  const accepts = matcher(spec.queue)
  const retryDelay = spec.retryDelay ?? backoff
  const name = spec.name
  return {
    kind: 'queue',
    ...triggerFields(spec as ConsumerSpec<S, Injections>),
    accepts,
    message: spec.message,
    // The AsyncAPI channel's address, when one queue is named.
    queue: typeof spec.queue === 'string' ? spec.queue : undefined,
    description: spec.description,
    async handle(batch, scope) {
      const queue = batch.queue
      const one = async (message: Message<unknown>) => {
        const fields = { consumer: name, queue, messageId: message.id, attempt: message.attempts }
        const parsed = v.safeParse(spec.message, message.body)
        if (!parsed.success) {
          const issues = parsed.issues.map((i) => ({ path: v.getDotPath(i), message: i.message }))
          return deadLetter(message, spec.deadLetter, scope.env, { ...fields, issues }, retryDelay)
        }
        const started = Date.now()
        try {
          await runReported(scope, message.id, (ctx) =>
            Promise.resolve(
              fn(parsed.output, {
                env: ctx.env as Env,
                deps: ctx.deps as Resolved<I>,
                messageId: message.id,
                queue,
                attempt: message.attempts,
                waitUntil: (p) => ctx.waitUntil(p),
              }),
            ),
          )
        } catch (e) {
          const delaySeconds = retryDelay(message.attempts)
          logLine('warn', { msg: 'message retried', ...fields, delaySeconds, ...errorFields(e) })
          return message.retry({ delaySeconds })
        }
        message.ack()
        logLine('info', { msg: 'message handled', ...fields, ms: Date.now() - started })
      }
      await Promise.all(batch.messages.map(one))
    },
  }
}
