import { AutoRouter, type IRequest, json } from 'itty-router'
import * as v from 'valibot'
import { fieldProblems, problem, validationProblem } from '../problem'
import { UserStore } from '../user-store'

const GreetQuery = v.object({ name: v.pipe(v.string(), v.minLength(1), v.maxLength(100)) })
const UserParams = v.object({
  id: v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number), v.integer(), v.minValue(1)),
})
const UserCreate = v.object({
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  email: v.pipe(v.string(), v.email()),
})

const pathOf = (request: IRequest) => new URL(request.url).pathname
const store = new UserStore()
const router = AutoRouter({
  missing: (request: IRequest) => problem(404, 'Not Found', pathOf(request), `No route for ${pathOf(request)}`),
})

router.get('/greet', (request) => {
  const query = v.safeParse(GreetQuery, request.query)
  if (!query.success) return validationProblem(pathOf(request), fieldProblems('query', query.issues))
  return { message: `Hello, ${query.output.name}!` }
})

router.get('/users/:id', (request) => {
  const params = v.safeParse(UserParams, request.params)
  if (!params.success) return validationProblem(pathOf(request), fieldProblems('path', params.issues))
  const user = store.get(params.output.id)
  return user ?? problem(404, 'Not Found', pathOf(request), `User ${params.output.id} not found`)
})

router.post('/users', async (request) => {
  let raw: unknown
  try {
    raw = await request.json()
  } catch {
    return problem(400, 'Bad Request', pathOf(request), 'Malformed JSON body')
  }
  const body = v.safeParse(UserCreate, raw)
  if (!body.success) return validationProblem(pathOf(request), fieldProblems('body', body.issues))
  return json(store.add(body.output), { status: 201 })
})

/** Bare itty-router with valibot by hand: the engine this project builds on, with no document. */
export default { fetch: router.fetch }
