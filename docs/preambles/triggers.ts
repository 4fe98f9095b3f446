// Blocks of docs/triggers.md: a D1 dependency, a mailer and its dead-letter queue, values with something to
// release, and the routes and plugins of an app.
import { dependency, get, type Plugin, provide, withCleanup } from 'edgestar'

declare global {
  namespace Cloudflare {
    interface Env {
      MAIL_DLQ: Queue<unknown>
    }
  }
}

const Db = dependency<D1Database>('db')
interface Mail {
  to: string
  subject: string
}
interface Mailer {
  send(mail: Mail): Promise<void>
}
const Mailer = dependency<Mailer>('mailer')
const fakeMailer: Mailer = { send: async () => {} }
const plugins: Plugin[] = []
const handlers = [get('/', () => 'ok')]
interface Conn {
  close(): Promise<void>
}
const Conn = dependency<Conn>('conn')
const openConn = (_env: Cloudflare.Env): Conn => ({ close: async () => {} })
interface Tx {
  commit(): Promise<void>
}
const Tx = dependency<Tx>('tx')
const begin = (_env: Cloudflare.Env): Tx => ({ commit: async () => {} })
