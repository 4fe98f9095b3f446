import * as v from 'valibot'
import { emit } from '../events/emit'
import { outboxEvent } from '../events/outbox'
import {
  conditionalHeaders,
  etagHeader,
  notModifiedResponse,
  versioned,
  versionsFromIfMatch,
} from '../http/conditional'
import type { RequestContext } from '../kernel/context'
import type { Injections } from '../kernel/di'
import { HttpError, notFound } from '../kernel/errors'
import { type AnyHandler, del, get, type HandlerSpec, patch, post, put } from '../kernel/handler'
import type { ParamsSchema } from '../kernel/params'
import type { InsertOf, Model, RowOf } from './model'
import type { WriteEvent } from './outbox-statement'
import { type PayloadShape, projectPayload } from './payload-projection'
import type { Repository } from './repository'
import type { Emission, MadeOperations, Operation, ResourceOptions, ResourceViews } from './resource-options'

/** The handlers `resource` made, by operation. */
export type ResourceHandlers<K extends Operation = Operation> = { readonly [P in K]: AnyHandler }

// What the handlers below read: the kernel validated each input by the spec they were made with.
type Ctx = RequestContext & {
  readonly params: Readonly<Record<string, number | string>>
  readonly headers: Readonly<Record<string, string | undefined>> | undefined
  readonly body: Record<string, unknown>
  readonly query: Readonly<Record<string, unknown>>
  readonly deps: { readonly repo: Repository<Model> } & Readonly<Record<string, unknown>>
}
type Fn = (ctx: Ctx) => unknown
type Define = (path: string, spec: HandlerSpec, fn: never) => unknown

const union = (a: readonly number[], b: readonly number[] = []) => [...new Set([...a, ...b])]

/** An emission and, for a row's events, its payload's shape over the row (found once, when the resource is made). */
type Planned = { readonly emission: Emission<never>; readonly shape: PayloadShape | undefined }

const payloadOf = (planned: Planned, from: unknown) => (planned.emission.payload as (from: unknown) => unknown)(from)

/** Emits a write's event once the write succeeded, unless it committed in the write's batch (`outbox`). */
const fire = (ctx: RequestContext, planned: Planned | undefined, outbox: WriteEvent[] | undefined, from: unknown) => {
  if (planned && !outbox) emit(ctx, planned.emission.event, payloadOf(planned, from))
}

/**
 * The write's events for its batch, when the app keeps an outbox for this event (else undefined: emit after the
 * write). `fixed` is a deletion's payload input (the key), since its row is gone.
 */
const outboxOf = (ctx: RequestContext, planned: Planned | undefined, fixed?: unknown): WriteEvent[] | undefined => {
  const outbox = planned && outboxEvent(ctx, planned.emission.event)
  if (!outbox) return undefined
  const payload = planned.shape ?? { value: payloadOf(planned, fixed) }
  return [{ outbox, payload }]
}

/**
 * The standard handlers of a resource, from its model, repository and views: list (a `listEndpoint` page), get
 * (ETag, 304 on If-None-Match), create (201, ETag, `Location`), replace and patch (If-Match, 412 when stale) and
 * delete (If-Match). Each write commits at once: the row and its version bump in one statement, checked against
 * `If-Match` inside it (a create with the request's Idempotency-Key record, when the repository has one). Declared events are emitted once the write succeeded (delivered after the response); where the app's `events()` keeps an outbox, an event with a durable listener commits in the write's batch (a row's payload must pick its fields);
 * `owner` guards replace, patch and delete. Put the handlers in a router; take `only` some, add to their `specs`,
 * `override` any with your own.
 * @example
 * export const posts = resource(Post, { repo: Posts, name: 'Post', itemParams: IdParams, list: postList,
 *   views: { read: PostRead, create: PostCreate, replace: PostText, patch: PostPatch, page: PostPage },
 *   owner: ownerOrAdmin('post', IdParams, authorOfPost), events: { deleted: emits(PostDeleted, ({ id }) => ({ id })) } })
 * router({ path: '/posts', handlers: Object.values(posts) })
 */
export function resource<
  M extends Model,
  const V extends ResourceViews,
  P extends ParamsSchema | undefined = undefined,
  I extends ParamsSchema = ParamsSchema,
  const CI extends Injections = Record<never, never>,
  const O extends readonly Operation[] | undefined = undefined,
>(model: M, options: ResourceOptions<M, V, P, I, CI, O>): ResourceHandlers<MadeOperations<V, O>> {
  const { repo, name, views, parent, events, list, specs = {}, override = {} } = options
  if (views.page && !list) throw new Error(`resource(${name}): views.page needs list (a listEndpoint)`)
  const lower = name.toLowerCase()
  const one = `${options.article ?? 'a'} ${lower}`
  const pk = model.primaryKey
  const hasVersion = model.version !== undefined
  const versionOf = (row: RowOf<M>) => (row as Record<string, number>)[model.version!]!
  const idOf = (ctx: Ctx) => ctx.params[pk]!
  const missing = (ctx: Ctx): never =>
    notFound(
      parent
        ? `${parent.name} ${ctx.params[parent.param]} has no ${lower} ${idOf(ctx)}`
        : `${name} ${idOf(ctx)} not found`,
    )
  const noParent = (ctx: Ctx): never => notFound(`${parent!.name} ${ctx.params[parent!.param]} not found`)
  const answer = (ctx: Ctx, row: RowOf<M>, ifNoneMatch?: string) =>
    hasVersion ? versioned(ctx, versionOf(row), row, ifNoneMatch) : row
  const versions = (ctx: Ctx) => (hasVersion ? versionsFromIfMatch(ctx.headers?.['if-match']) : undefined)
  const itemParams = options.itemParams ?? v.object({ ...options.params?.entries, [pk]: model.fields[pk]! })
  if (!itemParams.entries[pk]) throw new Error(`resource(${name}): itemParams lack the primary key "${pk}"`)

  const inject: Injections = { repo }
  const collection: HandlerSpec = options.params ? { params: options.params } : {}
  const item: HandlerSpec = { params: itemParams, inject }
  const writes: HandlerSpec = {
    ...item,
    ...(hasVersion ? { headers: v.object(conditionalHeaders.write) } : {}),
    ...(options.owner ? { guards: [options.owner] } : {}),
  }
  const etag = hasVersion ? { successHeaders: etagHeader } : {}
  const stale = hasVersion ? [404, 412] : [404]

  // A row's payload is built in SQL from the written row, so its outbox row commits with the write: it must pick
  // fields (checked here, at build, whether or not the app keeps an outbox).
  const plan = (kind: string, emission: Emission<never> | undefined, fromRow: boolean): Planned | undefined => {
    if (!emission) return undefined
    if (!fromRow) return { emission, shape: undefined }
    try {
      return { emission, shape: projectPayload(model, emission.payload) }
    } catch (e) {
      throw new Error(
        `resource(${name}): the ${kind} payload of "${emission.event.name}" ${e instanceof Error ? e.message : String(e)}`,
      )
    }
  }
  const created = plan('created', events?.created, true)
  const changed = plan('changed', events?.changed, true)
  const deleted = plan('deleted', events?.deleted, false)
  // What each operation emits, declared on its spec: an app without the events() plugin refuses to build.
  const planned: Partial<Record<Operation, Planned>> = {
    create: created,
    replace: changed,
    patch: changed,
    delete: deleted,
  }
  const make = (op: Operation, define: Define, path: string, summary: string, spec: HandlerSpec, fn: Fn) => {
    const extra = specs[op] ?? {}
    const errors = union(spec.errors ?? [], extra.errors)
    const emits = planned[op] ? { emits: [planned[op].emission.event.name] } : {}
    return define(path, { summary, ...spec, ...emits, ...extra, errors }, fn as never) as AnyHandler
  }
  const parentExists = async (ctx: Ctx) => {
    const parents = await ctx.resolve(parent!.repo)
    return parents.exists({ [parents.model.primaryKey]: ctx.params[parent!.param] } as never)
  }
  const update = async (ctx: Ctx) => {
    const outbox = outboxOf(ctx, changed)
    const row =
      (await ctx.deps.repo.update(idOf(ctx), ctx.body, { versions: versions(ctx), events: outbox })) ?? missing(ctx)
    fire(ctx, changed, outbox, row)
    return answer(ctx, row as RowOf<M>)
  }
  // Replace and patch: the same write of the body, each with its own method and view.
  const edit = (op: Operation, define: Define, summary: string, body: v.GenericSchema | undefined) =>
    body
      ? () =>
          make(
            op,
            define,
            `/:${pk}`,
            summary,
            { ...writes, ...etag, body, response: views.read, errors: stale },
            update,
          )
      : undefined

  const makers: Record<Operation, (() => AnyHandler) | undefined> = {
    list:
      list && views.page
        ? () =>
            make(
              'list',
              get,
              '/',
              `List ${lower}s`,
              { ...collection, query: list.query, inject, response: views.page, errors: parent ? [404] : [] },
              async (ctx) => {
                if (parent && !(await parentExists(ctx))) noParent(ctx)
                return list.run(ctx.deps.repo as unknown as Repository<M>, ctx.query, {
                  secret: options.cursorSecret?.(ctx.env),
                  where: parent && ({ [parent.field]: ctx.params[parent.param] } as never),
                })
              },
            )
        : undefined,
    get: () =>
      make(
        'get',
        get,
        `/:${pk}`,
        `Get ${one}`,
        {
          ...item,
          ...(hasVersion ? { headers: v.object(conditionalHeaders.read), responses: notModifiedResponse } : {}),
          ...etag,
          response: views.read,
          errors: [404],
        },
        async (ctx) =>
          answer(ctx, (await ctx.deps.repo.get(idOf(ctx))) ?? missing(ctx), ctx.headers?.['if-none-match']),
      ),
    create: views.create
      ? () =>
          make(
            'create',
            post,
            '/',
            `Create ${one}`,
            {
              ...collection,
              body: views.create,
              inject: { ...options.create?.inject, ...inject },
              response: views.read,
              successHeaders: { ...etag.successHeaders, location: { description: `The new ${lower}` } },
              errors: parent ? [404] : Object.keys(model.references).length ? [422] : [],
            },
            async (ctx) => {
              const values = options.create ? await options.create.values(ctx as never) : (ctx.body as InsertOf<M>)
              const own = parent ? { ...values, [parent.field]: ctx.params[parent.param] } : values
              const outbox = outboxOf(ctx, created)
              let row: RowOf<M>
              try {
                row = (await ctx.deps.repo.add(own as never, { events: outbox })) as RowOf<M>
              } catch (e) {
                // A parent that does not exist fails the reference: its 404, as list answers it.
                if (parent && e instanceof HttpError && e.status === 422) noParent(ctx)
                throw e
              }
              fire(ctx, created, outbox, row)
              const id = (row as Record<string, unknown>)[pk]
              const at = options.location?.(row, ctx.params as never) ?? locationOf(ctx, id)
              ctx.responseHeaders.set('location', at)
              return answer(ctx, row)
            },
          )
      : undefined,
    replace: edit('replace', put, `Replace ${one}`, views.replace),
    patch: edit('patch', patch, `Update part of ${one}`, views.patch),
    delete: () =>
      make('delete', del, `/:${pk}`, `Delete ${one}`, { ...writes, errors: stale }, async (ctx) => {
        const key = { [pk]: idOf(ctx) }
        const outbox = outboxOf(ctx, deleted, key)
        if (!(await ctx.deps.repo.delete(idOf(ctx), { versions: versions(ctx), events: outbox }))) missing(ctx)
        fire(ctx, deleted, outbox, key)
      }),
  }

  const out: Partial<Record<Operation, AnyHandler>> = {}
  for (const op of options.only ?? (Object.keys(makers) as Operation[])) {
    const made = override[op] ?? makers[op]?.()
    if (made) out[op] = made
    else if (options.only)
      throw new Error(`resource(${name}): no ${op} without its view (views.${op === 'list' ? 'page and list' : op})`)
  }
  return out as ResourceHandlers<MadeOperations<V, O>>
}

/** The collection's path as requested (its pattern, parameters filled in from the validated values) and the id. */
function locationOf(ctx: Ctx, id: unknown): string {
  const collection = ctx.route!.path.replace(/:([A-Za-z0-9_]+)/g, (_, k: string) =>
    encodeURIComponent(String(ctx.params[k])),
  )
  return `${collection === '/' ? '' : collection}/${encodeURIComponent(String(id))}`
}
