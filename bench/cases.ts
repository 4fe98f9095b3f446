/** One request of the contest and what every contender must answer. */
export interface Case {
  readonly name: string
  readonly method: 'GET' | 'POST'
  readonly path: string
  readonly body?: unknown
  readonly status: number
  /** For a 400: the fields the problem must name. */
  readonly fields?: readonly string[]
}

/** The timed routes. */
export const timedCases: readonly Case[] = [
  { name: 'GET /greet?name=', method: 'GET', path: '/greet?name=Bob', status: 200 },
  { name: 'GET /users/:id', method: 'GET', path: '/users/1', status: 200 },
  {
    name: 'POST /users',
    method: 'POST',
    path: '/users',
    body: { name: 'Grace Hopper', email: 'grace@example.com' },
    status: 201,
  },
  { name: 'missing query field (400)', method: 'GET', path: '/greet', status: 400, fields: ['name'] },
  { name: 'invalid path param (400)', method: 'GET', path: '/users/abc', status: 400, fields: ['id'] },
  { name: 'unknown path (404)', method: 'GET', path: '/nope/nothing', status: 404 },
  {
    name: 'invalid body (400)',
    method: 'POST',
    path: '/users',
    body: { name: '', email: 'not-an-email' },
    status: 400,
    fields: ['name', 'email'],
  },
]

/** Checked for equivalence but not timed. */
export const extraCases: readonly Case[] = [
  { name: 'empty query parameter', method: 'GET', path: '/greet?name=', status: 400, fields: ['name'] },
  { name: 'unknown user', method: 'GET', path: '/users/999', status: 404 },
]

const ORIGIN = 'http://bench.local'

/** Makes the request for a case; GETs may be reused, a POST's body is read once so it needs a new one per call. */
export function requestFor(c: Case): Request {
  return c.body === undefined
    ? new Request(`${ORIGIN}${c.path}`, { method: c.method })
    : new Request(`${ORIGIN}${c.path}`, {
        method: c.method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(c.body),
      })
}
