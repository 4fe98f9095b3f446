import * as v from 'valibot'

/** A row id: a positive safe integer. */
export const Id = v.pipe(v.number(), v.safeInteger(), v.minValue(1))

/** Path parameters of an item route. */
export const IdParams = v.object({ id: v.pipe(Id, v.description('The resource id')) })

/** A row version: bumped on every update, exposed as the ETag. */
export const Version = v.pipe(v.number(), v.safeInteger(), v.minValue(1))

/** A database timestamp: ISO 8601 in UTC with milliseconds. */
export const Timestamp = v.pipe(v.string(), v.isoTimestamp(), v.description('ISO 8601 timestamp, UTC'))
