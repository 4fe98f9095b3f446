// `edgestar/data`: one model definition over D1, the DTOs derived from it, pagination (offset and signed keyset
// cursors), declarative list endpoints, a generic repository, D1 sessions with bookmarks, and walking a table in chunks.
export { type CursorPosition, openCursor, signCursor } from './cursor'
export { type D1SessionOptions, type D1WriteStart, d1Session } from './d1-session'
export { type DtoMeta, dto, exclude, include, inputDto, type PartialEntries, partial } from './dto'
export { IDEMPOTENCY_TABLE, type IdempotencyClaim, type InsertOnce, insertOnce } from './insert-once'
export {
  type CursorPage,
  type FilterOp,
  type ListDeclaration,
  type ListEndpoint,
  type ListRunOptions,
  listEndpoint,
  type OffsetPage,
  type PageOf,
} from './list-endpoint'
export { defineModel, type InsertOf, type Model, type ModelDefinition, type RowOf } from './model'
export type { WriteEvent } from './outbox-statement'
export { cursorPageOf, pageOf, pageQuery, pageWindow } from './page'
export { type PayloadShape, projectPayload } from './payload-projection'
export {
  type AddOptions,
  type ListOptions,
  Repository,
  type RepositoryOptions,
  type SqlDatabase,
  type WriteOptions,
} from './repository'
export { type ResourceHandlers, resource } from './resource'
export {
  type Emission,
  emits,
  type MadeOperations,
  type Operation,
  type ResourceContext,
  type ResourceOptions,
  type ResourceParent,
  type ResourceViews,
} from './resource-options'
export { walk } from './walk'
export type { Condition, Search, SqlValue, Where } from './where-clause'

declare module '../index' {
  interface EnvFactories<Env> {
    d1Session: typeof import('./d1-session').d1Session<Env>
  }
}
