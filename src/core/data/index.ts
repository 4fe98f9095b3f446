// `edge-api/data`: one model definition over D1, the DTOs derived from it, pagination and a generic repository.
export { type DtoMeta, dto, exclude, include, inputDto, type PartialEntries, partial } from './dto'
export { defineModel, type InsertOf, type Model, type ModelDefinition, type RowOf } from './model'
export { pageOf, pageQuery, pageWindow } from './page'
export { type ListOptions, Repository, type RepositoryOptions, type WriteOptions } from './repository'
export type { Search, SqlValue, Where } from './where-clause'
