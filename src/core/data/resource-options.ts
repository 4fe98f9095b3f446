import type * as v from 'valibot'
import type { EventKey } from '../events/event'
import type { RequestContext } from '../kernel/context'
import type { DependencyKey, Injections, Resolved } from '../kernel/di'
import type { Guard } from '../kernel/guard'
import type { AnyHandler, HandlerSpec } from '../kernel/handler'
import type { ParamsSchema } from '../kernel/params'
import type { ListEndpoint } from './list-endpoint'
import type { InsertOf, Model, RowOf } from './model'
import type { Repository } from './repository'

/** The handlers a resource makes. */
export type Operation = 'list' | 'get' | 'create' | 'replace' | 'patch' | 'delete'

/** The operations a resource makes: `only`, or every one its views allow (list with a page view). */
export type MadeOperations<V, O> = O extends readonly Operation[]
  ? O[number]
  :
      | 'get'
      | 'delete'
      | (V extends { readonly page: v.GenericSchema } ? 'list' : never)
      | (V extends { readonly create: v.GenericSchema } ? 'create' : never)
      | (V extends { readonly replace: v.GenericSchema } ? 'replace' : never)
      | (V extends { readonly patch: v.GenericSchema } ? 'patch' : never)

/** The schemas a resource reads and answers with, each from the one model (`dto`, `inputDto`, `pageOf`). */
export interface ResourceViews {
  /** What get, create, replace and patch answer with. */
  readonly read: v.GenericSchema
  /** The body of create; without it there is no create. */
  readonly create?: v.GenericSchema
  /** The body of replace (PUT); without it there is no replace. */
  readonly replace?: v.GenericSchema
  /** The body of patch (PATCH); without it there is no patch. */
  readonly patch?: v.GenericSchema
  /** What list answers with; without it (or without `list`) there is no list. */
  readonly page?: v.GenericSchema
}

/** An event a write emits, and its payload made from what the write has (the row, or the deleted item's params). */
export interface Emission<R> {
  readonly event: EventKey<unknown>
  readonly payload: (from: R) => unknown
}

/**
 * Pairs an event with its payload, typed by the event: `emits(PostCreated, (row) => ({ id: row.id, ... }))`.
 * @example events: { created: emits(UserCreated, (user) => ({ id: user.id, name: user.name })) }
 */
export const emits = <T, R>(event: EventKey<T>, payload: (from: R) => NoInfer<T>): Emission<R> => ({ event, payload })

/** The parent a nested resource lives under: it must exist (404 naming it), and the child's field is its id. */
export interface ResourceParent<M extends Model> {
  /** The parent's repository (its primary key is looked up). */
  readonly repo: DependencyKey<Pick<Repository<Model>, 'exists' | 'model'>>
  /** The path parameter holding the parent's id. */
  readonly param: string
  /** The child's field that references the parent: listed by it, and set from the path on create. */
  readonly field: keyof M['fields'] & string
  /** The parent's name in problems: `Post 5 not found`, `Post 5 has no comment 9`. */
  readonly name: string
}

/** A handler's context as a resource's hooks see it: the validated params and body, and the hook's injections. */
export type ResourceContext<P, B, I extends Injections> = Omit<RequestContext, 'params' | 'body'> & {
  readonly params: P
  readonly body: B
  readonly deps: Resolved<I>
}

type Out<S> = S extends v.GenericSchema ? v.InferOutput<S> : undefined
type ParamsOut<P> = P extends ParamsSchema ? v.InferOutput<P> : Readonly<Record<string, never>>

/** How a resource is served: see `resource`. */
export interface ResourceOptions<
  M extends Model,
  V extends ResourceViews,
  P extends ParamsSchema | undefined,
  I extends ParamsSchema,
  CI extends Injections,
  O extends readonly Operation[] | undefined = undefined,
> {
  /** The repository every handler injects. */
  readonly repo: DependencyKey<Repository<M>>
  /** The name in summaries and problems: `User` makes `Get a user`, `User 5 not found`, `The new user`. */
  readonly name: string
  /** The name's article in summaries: `an` makes `Get an order`. Default `a`. */
  readonly article?: 'a' | 'an'
  readonly views: V
  /** The list's filters, sorts and pages (`listEndpoint`); with `views.page`, makes list. */
  readonly list?: ListEndpoint<M, 'cursor' | 'offset'>
  /** The HMAC key of a cursor list's pages. */
  readonly cursorSecret?: (env: Cloudflare.Env) => string
  /** Path parameters of the collection (list, create), e.g. the parent's id. */
  readonly params?: P
  /** Path parameters of an item (get, replace, patch, delete): the collection's and the primary key. */
  readonly itemParams?: I
  /** A parent that must exist: list and create answer 404 naming it when it does not. */
  readonly parent?: ResourceParent<M>
  /** The guard of replace, patch and delete (an owner check): it runs after the layers' guards. */
  readonly owner?: Guard
  /** Events emitted after the write, delivered once the response succeeded; a deletion's payload is made from its key. */
  readonly events?: {
    readonly created?: Emission<RowOf<M>>
    readonly changed?: Emission<RowOf<M>>
    readonly deleted?: Emission<Pick<RowOf<M>, M['primaryKey'] & keyof RowOf<M>>>
  }
  /** How create turns its body into the row to insert (hash a password, add the caller as author, refuse). */
  readonly create?: {
    readonly inject?: CI
    // Partial: the parent's field and a scoped repository's fill in the rest; a field left out fails its NOT NULL.
    readonly values: (
      ctx: ResourceContext<ParamsOut<P>, Out<V['create']>, CI>,
    ) => Partial<InsertOf<M>> | Promise<Partial<InsertOf<M>>>
  }
  /** Where a created row lives; by default the collection's path with the new id appended. */
  readonly location?: (row: RowOf<M>, params: ParamsOut<P>) => string
  /** Only these handlers (default: every one its views allow). */
  readonly only?: O
  /** Handlers of your own in place of the standard ones, e.g. a create that does more. */
  readonly override?: { readonly [K in Operation]?: AnyHandler }
  /** More of each handler's spec (summary, description, errors added to the standard ones, layer options). */
  readonly specs?: { readonly [K in Operation]?: Partial<HandlerSpec> }
}
