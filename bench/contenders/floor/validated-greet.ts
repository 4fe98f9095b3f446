import * as v from 'valibot'
import { statusProblem, validationProblem } from '../../../src/core/kernel/direct-problem'
import { compileInputs } from '../../../src/core/kernel/inputs'
import { greet } from '../ours/greet'

const readInputs = compileInputs(greet.spec, 0)

/**
 * The size floor of our one-route app: the greet route's own validation (valibot: the query read and coerced
 * once, the response checked) and the same problem bodies, with no router, pipeline, layers or HEAD/OPTIONS
 * answers. What this weighs, a one-route app of ours weighs at least; the bench sets it beside the app and Hono's
 * hello.
 */
export default {
  fetch(request: Request): Response {
    const path = new URL(request.url).pathname
    if (path !== '/greet') return statusProblem(404, `No route for ${path}`, path)
    if (request.method !== 'GET') return statusProblem(405, `${request.method} is not allowed on ${path}`, path)
    const inputs = readInputs({ request } as Parameters<typeof readInputs>[0])
    if (inputs instanceof Promise) throw new Error('the greet route reads no body')
    if (Array.isArray(inputs)) return validationProblem(inputs, path)
    const out = v.safeParse(greet.spec.response, greet.fn({ query: inputs.query } as Parameters<typeof greet.fn>[0]))
    if (!out.success) throw new Error(`the response does not match its schema: ${v.summarize(out.issues)}`)
    return Response.json(out.output)
  },
}
