import * as v from 'valibot'
import { compileInputs, compileParams } from './inputs'
import { checkPathParams, entriesOf, mergeParams } from './params'
import { JSON_HEADERS } from './pipeline'
import type { Plugin } from './plugin'
import { mismatchedResponse } from './response-mismatch'
import type { Validator } from './validator'

const validator: Validator = {
  check(route, path, spec) {
    const own = entriesOf(spec.params)
    if (own) checkPathParams(route, path, own)
  },
  params: compileParams,
  inputs: compileInputs,
  response(route, onError) {
    const schema = route.spec.response!
    const init = { status: route.status, headers: JSON_HEADERS }
    return (result, ctx) => {
      const out = v.safeParse(schema, result)
      if (!out.success) return mismatchedResponse(route, result, out.issues, ctx, onError)
      return new Response(JSON.stringify(out.output), init)
    }
  },
}

/**
 * Checks every route's schemas: path params (`params`, which routers merge by key), query, headers, cookies and
 * body decoded once, coerced and validated, every problem answered in one 400; the handler's result checked
 * against its `response` schema. A route that declares any of them in an app without this plugin refuses to
 * build, naming the route and the schema; an app that declares none bundles none of it.
 * @example createApp({ plugins: [validation()], handlers: [get('/greet', { query: v.object({ name: v.string() }) }, ({ query }) => `Hello, ${query.name}`)] })
 */
export function validation(): Plugin {
  return { name: 'validation', options: { params: mergeParams }, validator }
}
