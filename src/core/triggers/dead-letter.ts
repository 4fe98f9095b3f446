import { errorFields, logLine } from './log-line'

/**
 * Sends an invalid message to the dead-letter queue once and acknowledges it: no retry can make it valid. When
 * the send fails (or the binding is missing) the message is retried, so it is not lost.
 */
export async function deadLetter(
  message: Message<unknown>,
  target: ((env: Cloudflare.Env) => Queue<unknown> | undefined) | false,
  env: Cloudflare.Env,
  fields: Record<string, unknown>,
  retryDelay: (attempt: number) => number,
): Promise<void> {
  if (target === false) {
    logLine('error', { msg: 'invalid message dropped', ...fields })
    return message.ack()
  }
  try {
    const queue = target(env)
    if (!queue) throw new Error('the dead-letter queue binding is missing')
    await queue.send(message.body)
  } catch (e) {
    logLine('error', { msg: 'invalid message not dead-lettered', ...fields, ...errorFields(e) })
    return message.retry({ delaySeconds: retryDelay(message.attempts) })
  }
  logLine('error', { msg: 'invalid message dead-lettered', ...fields })
  message.ack()
}
