import { vValidator } from '@hono/valibot-validator'
import { Hono } from 'hono'
import { describeRoute, openAPIRouteHandler, resolver } from 'hono-openapi'
import { fieldProblems, problem, validationProblem } from '../problem'
import { UserStore } from '../user-store'
import { Greeting, GreetQuery, User, UserCreate, UserParams } from './schemas'

const json = (schema: Parameters<typeof resolver>[0]) => ({
  content: { 'application/json': { schema: resolver(schema) } },
})
const where = { query: 'query', param: 'path', json: 'body' } as const
type Target = keyof typeof where

// One hook for every validator, as Hono apps do to shape their 400s.
const hook = (
  result: {
    success: boolean
    target: string
    issues?: readonly { message: string; path?: readonly { key: unknown }[] }[]
  },
  c: { req: { path: string } },
) => {
  if (!result.success)
    return validationProblem(c.req.path, fieldProblems(where[result.target as Target], result.issues ?? []))
}

const store = new UserStore()
const app = new Hono()

app.get(
  '/greet',
  describeRoute({ responses: { 200: { description: 'Greeting', ...json(Greeting) } } }),
  vValidator('query', GreetQuery, hook),
  (c) => c.json({ message: `Hello, ${c.req.valid('query').name}!` }),
)

const users = new Hono()
users.get(
  '/:id',
  describeRoute({ responses: { 200: { description: 'User', ...json(User) } } }),
  vValidator('param', UserParams, hook),
  (c) => {
    const { id } = c.req.valid('param')
    const user = store.get(id)
    return user ? c.json(user) : problem(404, 'Not Found', c.req.path, `User ${id} not found`)
  },
)
users.post(
  '/',
  describeRoute({ responses: { 201: { description: 'Created', ...json(User) } } }),
  vValidator('json', UserCreate, hook),
  (c) => c.json(store.add(c.req.valid('json')), 201),
)
app.route('/users', users)

app.get(
  '/openapi.json',
  openAPIRouteHandler(app, { documentation: { info: { title: 'Bench API', version: '1.0.0' } } }),
)
app.notFound((c) => problem(404, 'Not Found', c.req.path, `No route for ${c.req.path}`))

/** Hono with @hono/valibot-validator for validation and hono-openapi for the document. */
export default app
