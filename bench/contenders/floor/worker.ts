import { fieldProblems, problem, validationProblem } from '../problem'
import { UserStore } from '../user-store'

const store = new UserStore()
const JSON_HEADERS = { 'content-type': 'application/json' }
const ok = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: JSON_HEADERS })
const EMAIL = /^[\w+-]+(?:\.[\w+-]+)*@[\da-z]+(?:[.-][\da-z]+)*\.[a-z]{2,}$/iu

function greet(url: URL): Response {
  const name = url.searchParams.get('name')
  if (name === null || name.length < 1 || name.length > 100) {
    const message = name === null ? 'is required' : 'must be 1 to 100 characters'
    return validationProblem(url.pathname, [{ in: 'query', name: 'name', pointer: '/name', message }])
  }
  return ok({ message: `Hello, ${name}!` })
}

function getUser(path: string, raw: string): Response {
  const id = /^\d+$/.test(raw) ? Number(raw) : Number.NaN
  if (!Number.isSafeInteger(id) || id < 1)
    return validationProblem(path, [{ in: 'path', name: 'id', pointer: '/id', message: 'must be a positive integer' }])
  const user = store.get(id)
  return user ? ok(user) : problem(404, 'Not Found', path, `User ${id} not found`)
}

async function createUser(request: Request, path: string): Promise<Response> {
  let body: { name?: unknown; email?: unknown }
  try {
    body = await request.json()
  } catch {
    return problem(400, 'Bad Request', path, 'Malformed JSON body')
  }
  const issues: { message: string; path: { key: string }[] }[] = []
  const { name, email } = body ?? {}
  if (typeof name !== 'string' || name.length < 1 || name.length > 100)
    issues.push({ message: 'must be 1 to 100 characters', path: [{ key: 'name' }] })
  if (typeof email !== 'string' || !EMAIL.test(email))
    issues.push({ message: 'must be an email', path: [{ key: 'email' }] })
  if (issues.length) return validationProblem(path, fieldProblems('body', issues))
  return ok(store.add({ name: name as string, email: email as string }), 201)
}

/** The floor: one hand-written fetch handler doing the same work with no framework and no document. */
export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url)
    const path = url.pathname
    if (path === '/greet' && request.method === 'GET') return greet(url)
    if (path.startsWith('/users/') && request.method === 'GET' && path.indexOf('/', 7) === -1)
      return getUser(path, path.slice(7))
    if (path === '/users' && request.method === 'POST') return createUser(request, path)
    return problem(404, 'Not Found', path, `No route for ${path}`)
  },
}
