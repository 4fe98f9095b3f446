import * as v from 'valibot'
import { conflict, notFound, serviceUnavailable } from '../kernel/errors'
import { get, post } from '../kernel/handler'
import { type Router, router } from '../kernel/router'
import { InstanceId, InstanceStarted, instanceStatus } from './instance-status'
import type { WorkflowDefinition } from './workflow'

const pascal = (s: string) => s.replace(/(^|[^A-Za-z0-9])([A-Za-z0-9])/g, (_, __, c: string) => c.toUpperCase())
const Params = v.object({ id: InstanceId })

/**
 * The routes of a workflow, as a router to nest under a guarded one: `POST /` starts an instance with the params
 * in the body (202), `GET /:id` reads its status, and `POST /:id/events/<type>` sends it each declared event.
 * Everything they take is validated; an unknown instance is a 404, a missing binding a 503.
 * @example router({ path: '/admin/exports', guards: [hasRole('admin')], handlers: [workflowRoutes(exportWorkflow)] })
 */
export function workflowRoutes(def: WorkflowDefinition): Router {
  const { spec } = def
  const name = pascal(spec.name)
  const bindingOf = (env: Cloudflare.Env) => {
    const wf = spec.binding(env)
    if (!wf) throw serviceUnavailable(`The ${spec.name} workflow is not bound`)
    return wf
  }
  const instanceOf = async (env: Cloudflare.Env, id: string) => {
    try {
      return await bindingOf(env).get(id)
    } catch {
      return notFound(`No ${spec.name} instance ${id}`)
    }
  }

  const start = post(
    '/',
    {
      operationId: `start${name}`,
      summary: `Start a ${spec.name} workflow`,
      ...(spec.description ? { description: spec.description } : {}),
      body: spec.params,
      response: InstanceStarted,
      status: 202,
      errors: [503],
    },
    async ({ body, env }) => {
      const instance = await bindingOf(env).create({ params: body })
      return { id: instance.id, status: (await instance.status()).status }
    },
  )
  const status = get(
    '/:id',
    {
      operationId: `get${name}Status`,
      summary: `Read a ${spec.name} workflow's status`,
      description:
        `The status of the ${spec.name} instance the start route returned, as the Workflows runtime reports it ` +
        '(queued, running, waiting for an event or a timer, paused, complete, errored, terminated, ...), with ' +
        'its output once complete and its error once errored. Reads only; 404 for an id this workflow never ' +
        'started.',
      params: Params,
      response: instanceStatus(name, spec.output ?? v.unknown()),
      errors: [404, 503],
    },
    async ({ params, env }) => {
      const { status, error, output } = await (await instanceOf(env, params.id)).status()
      // The runtime reports `output: null` until the instance completes.
      return { id: params.id, status, ...(error ? { error } : {}), ...(status === 'complete' ? { output } : {}) }
    },
  )
  const events = Object.entries(spec.events ?? {}).map(([type, schema]) =>
    post(
      `/:id/events/${type}`,
      {
        operationId: `send${name}${pascal(type)}`,
        summary: `Send a ${spec.name} workflow its "${type}" event`,
        description:
          `Delivers the "${type}" event, its body as the payload, to the ${spec.name} instance; an instance ` +
          'waiting for it resumes, one not yet waiting receives it when it asks. 202 once accepted; 409 when the ' +
          'instance has ended, 404 for an id this workflow never started.',
        params: Params,
        body: schema,
        status: 202,
        errors: [404, 409, 503],
      },
      async ({ params, body, env }) => {
        const instance = await instanceOf(env, params.id)
        const { status } = await instance.status()
        if (['complete', 'errored', 'terminated'].includes(status))
          return conflict(`The ${spec.name} instance ${params.id} has ended (${status})`)
        await instance.sendEvent({ type, payload: body })
        return undefined
      },
    ),
  )
  return router({ handlers: [start, status, ...events] })
}
