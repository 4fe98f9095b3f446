import { vValidator } from '@hono/valibot-validator'
import { Hono } from 'hono'
import { describeRoute, openAPIRouteHandler, resolver } from 'hono-openapi'
import { fieldProblems, validationProblem } from '../problem'
import { Greeting, GreetQuery } from './schemas'

const app = new Hono()
app.get(
  '/greet',
  describeRoute({
    responses: { 200: { description: 'Greeting', content: { 'application/json': { schema: resolver(Greeting) } } } },
  }),
  vValidator('query', GreetQuery, (result, c) => {
    if (!result.success) return validationProblem(c.req.path, fieldProblems('query', result.issues))
  }),
  (c) => c.json({ message: `Hello, ${c.req.valid('query').name}!` }),
)
app.get(
  '/openapi.json',
  openAPIRouteHandler(app, { documentation: { info: { title: 'Bench API', version: '1.0.0' } } }),
)

/** Hono plus the greet route and its generated document: the size to beat. */
export default app
