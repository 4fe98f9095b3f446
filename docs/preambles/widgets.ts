// README's widgets as an app: the repository, its handlers, a guard, and what the testing example uses.

import { env } from 'cloudflare:workers'
import {
  createApp,
  del,
  dependency,
  get,
  guard,
  patch,
  post,
  provide,
  router,
  unauthorized,
  validation,
} from 'edgestar'
import * as v from 'valibot'

const Id = v.pipe(v.number(), v.integer(), v.minValue(1))
const WidgetRead = v.object({ id: Id, name: v.string() })
class WidgetRepo {
  constructor(readonly db: D1Database) {}
}
const Widgets = dependency<WidgetRepo>('widgets')
const CurrentUser = dependency<{ id: number; role: string } | null>('user')
const authenticated = guard({ inject: { user: CurrentUser } }, ({ deps: { user } }) => {
  if (!user) unauthorized()
})
const params = v.object({ id: Id })
const listWidgets = get('/', { response: v.array(WidgetRead) }, () => [])
const getWidget = get('/:id', { params, response: WidgetRead }, ({ params }) => ({ id: params.id, name: 'w' }))
const createWidget = post('/', { body: v.object({ name: v.string() }) }, () => ({ id: 1 }))
const updateWidget = patch('/:id', { params, body: v.object({ name: v.string() }) }, () => ({ id: 1 }))
const deleteWidget = del('/:id', { params }, () => undefined)
interface Mailer {
  send(to: string, text: string): Promise<void>
}
const Mailer = dependency<Mailer>('mailer')
const fakeMailer: Mailer = { send: async () => {} }
const app = createApp({
  plugins: [validation()],
  dependencies: [provide(CurrentUser, () => null), provide(Mailer, () => fakeMailer)],
  handlers: [
    router({ path: '/widgets', dependencies: [provide(Widgets, () => new WidgetRepo(env.DB))], handlers: [getWidget] }),
  ],
})
const signIn = async (_client: unknown, who: { role: string }) => ({ authorization: `Bearer token-for-${who.role}` })
