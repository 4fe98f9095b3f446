import * as v from 'valibot'

/** A row id: a positive safe integer. */
export const Id = v.pipe(v.number(), v.safeInteger(), v.minValue(1))

/** A row's own id, as its model documents it; an item route's `id` (`resource()` derives its params from the model). */
export const RowId = v.pipe(Id, v.description('The resource id'))

/** Path parameters of an item route: the same `id` schema as the models', so guards typed by it fit their routes. */
export const IdParams = v.object({ id: RowId })

/** A row version: bumped on every update, exposed as the ETag. */
export const Version = v.pipe(v.number(), v.safeInteger(), v.minValue(1))

/**
 * A database timestamp: ISO 8601 in UTC with milliseconds.
 * @description ISO 8601 timestamp, UTC
 */
export const Timestamp = v.pipe(v.string(), v.isoTimestamp())
