// docs/triggers.md's testing block: an app with a job and a consumer, and the testing kit.
import { env } from 'cloudflare:workers'
import { createApp, dependency, get, provide } from 'edgestar'
import { testClient } from 'edgestar/testing'
import { consumer, cron } from 'edgestar/triggers'
import * as v from 'valibot'

interface Mailer {
  send(to: string): Promise<void>
}
const Mailer = dependency<Mailer>('mailer')
const fakeMailer: Mailer = { send: async () => {} }
const app = createApp({
  dependencies: [provide(Mailer, () => fakeMailer)],
  handlers: [get('/', () => 'ok')],
  triggers: [
    cron('0 3 * * *', { name: 'purge' }, () => {}),
    consumer(
      {
        name: 'mail',
        queue: 'mail',
        message: v.object({ to: v.string() }),
        inject: { mailer: Mailer },
        deadLetter: false,
      },
      ({ to }, { deps: { mailer } }) => mailer.send(to),
    ),
  ],
})
