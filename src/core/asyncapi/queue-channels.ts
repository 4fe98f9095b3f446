import type * as v from 'valibot'
import type { QueueTrigger, Trigger } from '../kernel/trigger'

type Json = Record<string, unknown>
const camel = (s: string) => s.replace(/[^A-Za-z0-9]+([A-Za-z0-9])/g, (_, c: string) => c.toUpperCase())
const pascal = (s: string) => camel(s).replace(/^./, (c) => c.toUpperCase())

/** The consumers an AsyncAPI document describes: those that declare their message schema. */
export const describedConsumers = (triggers: readonly Trigger[]): QueueTrigger[] =>
  triggers.filter((t): t is QueueTrigger => t.kind === 'queue' && !!t.message)

/**
 * One channel per queue consumer (its address the queue's name when it names one), its message from the
 * consumer's schema, and a `receive` operation: the Worker takes these messages from the queue.
 */
export function queueChannels(
  consumers: readonly QueueTrigger[],
  addMessage: (name: string, schema: v.GenericSchema, extra?: Json) => Json,
): { channels: Json; operations: Json } {
  const channels: Json = {}
  const operations: Json = {}
  for (const c of consumers) {
    const id = `${camel(c.name)}Queue`
    const name = `${pascal(c.name)}Message`
    channels[id] = {
      address: c.queue ?? null,
      title: `Queue consumed by "${c.name}"`,
      ...(c.description ? { description: c.description } : {}),
      servers: [{ $ref: '#/servers/queues' }],
      messages: { [name]: addMessage(name, c.message!, { summary: `A message of the "${c.name}" consumer` }) },
    }
    operations[`${id}Receive`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${id}` },
      summary: `What the Worker takes from the queue (an invalid message is dead-lettered once, never retried)`,
      description:
        c.description ??
        `Messages the "${c.name}" consumer takes from ${c.queue ?? 'the queues it accepts'}, each validated against ` +
          'the message schema before it is handled.',
      messages: [{ $ref: `#/channels/${id}/messages/${name}` }],
    }
  }
  return { channels, operations }
}
