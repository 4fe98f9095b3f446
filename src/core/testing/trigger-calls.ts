import type { App } from '../kernel/app'

/** A message handed to `client.queue`: its body, and optionally the id and delivery attempt it arrives with. */
export interface QueueMessageInput {
  readonly body: unknown
  readonly id?: string
  /** 1 (a first delivery) unless given. */
  readonly attempts?: number
}

/** What the consumer did with each message of a batch. */
export interface QueueOutcome {
  /** Ids of acknowledged messages, in the order they were acknowledged. */
  readonly acked: readonly string[]
  /** Messages handed back for a retry, with the delay asked for. */
  readonly retried: readonly { readonly id: string; readonly delaySeconds: number | undefined }[]
}

/** The trigger calls a test client adds: a cron run and a queue batch through the app (with the client's overrides). */
export interface TriggerCalls {
  /** Runs the jobs declared for `cron`, as the platform would at `scheduledTime`; rejects when one failed. */
  scheduled(cron: string, options?: { readonly scheduledTime?: Date | number }): Promise<void>
  /** Delivers one batch to the consumer declared for `queue` and reports what it acknowledged and retried. */
  queue(queue: string, messages: readonly QueueMessageInput[]): Promise<QueueOutcome>
}

/** Makes a client's trigger calls: they run in `app` (already built with the overrides) and settle its background work. */
export function triggerCalls<Env>(
  app: App<Env>,
  env: Env,
  executionCtx: ExecutionContext,
  settle: () => Promise<void>,
): TriggerCalls {
  let sent = 0
  return {
    async scheduled(cron, options) {
      const at = options?.scheduledTime ?? Date.now()
      const controller = { cron, scheduledTime: typeof at === 'number' ? at : at.getTime(), noRetry() {} }
      try {
        await app.scheduled(controller as ScheduledController, env, executionCtx)
      } finally {
        await settle()
      }
    },
    async queue(queue, inputs) {
      const acked: string[] = []
      const retried: { id: string; delaySeconds: number | undefined }[] = []
      // Each message settles once, as on the platform: the first ack or retry wins.
      const messages = inputs.map((input) => {
        const id = input.id ?? `message-${++sent}`
        let settled = false
        const once = (fn: () => void) => () => {
          if (!settled) fn()
          settled = true
        }
        return {
          id,
          timestamp: new Date(),
          body: input.body,
          attempts: input.attempts ?? 1,
          ack: once(() => acked.push(id)),
          retry: (options?: QueueRetryOptions) =>
            once(() => retried.push({ id, delaySeconds: options?.delaySeconds }))(),
        }
      })
      const batch = {
        queue,
        messages,
        ackAll: () => {
          for (const m of messages) m.ack()
        },
        retryAll: (options?: QueueRetryOptions) => {
          for (const m of messages) m.retry(options)
        },
      }
      try {
        await app.queue(batch as unknown as MessageBatch<unknown>, env, executionCtx)
      } finally {
        await settle()
      }
      return { acked, retried }
    },
  }
}
