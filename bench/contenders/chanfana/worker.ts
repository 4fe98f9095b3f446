import { contentJson, fromIttyRouter, NotFoundException, OpenAPIRoute } from 'chanfana'
import { type IRequest, Router } from 'itty-router'
import { z } from 'zod'
import { problem } from '../problem'
import { UserStore } from '../user-store'

const User = z.object({ id: z.number().int(), name: z.string(), email: z.string() })
const store = new UserStore()

class Greet extends OpenAPIRoute {
  override schema = {
    request: { query: z.object({ name: z.string().min(1).max(100) }) },
    responses: { '200': { description: 'Greeting', ...contentJson(z.object({ message: z.string() })) } },
  }

  override async handle() {
    const { query } = await this.getValidatedData<typeof this.schema>()
    return { message: `Hello, ${query.name}!` }
  }
}

class GetUser extends OpenAPIRoute {
  override schema = {
    request: { params: z.object({ id: z.coerce.number().int().min(1) }) },
    responses: { '200': { description: 'User', ...contentJson(User) } },
  }

  override async handle() {
    const { params } = await this.getValidatedData<typeof this.schema>()
    const user = store.get(params.id)
    if (!user) throw new NotFoundException(`User ${params.id} not found`)
    return user
  }
}

class CreateUser extends OpenAPIRoute {
  override schema = {
    request: { body: contentJson(z.object({ name: z.string().min(1).max(100), email: z.email() })) },
    responses: { '201': { description: 'Created', ...contentJson(User) } },
  }

  override async handle() {
    const { body } = await this.getValidatedData<typeof this.schema>()
    return Response.json(store.add(body), { status: 201 })
  }
}

const router = Router()
const openapi = fromIttyRouter(router, { schema: { info: { title: 'Bench API', version: '1.0.0' } } })
openapi.get('/greet', Greet)
openapi.get('/users/:id', GetUser)
openapi.post('/users', CreateUser)
router.all('*', (request: IRequest) => {
  const path = new URL(request.url).pathname
  return problem(404, 'Not Found', path, `No route for ${path}`)
})

/** chanfana on itty-router, with zod schemas and its own document at /openapi.json. */
export default { fetch: router.fetch }
