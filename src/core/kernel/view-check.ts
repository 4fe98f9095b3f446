import type { checkPrivateViews } from './private-views'

/**
 * The check `createApp` runs on every route's response schemas (`checkPrivateViews`), set by the first
 * `markPrivate` call: a field is private only through that call, so an app that marks none has nothing to refuse
 * and bundles none of the check. Set once per isolate, never per request.
 */
export const viewCheck: { run?: typeof checkPrivateViews } = {}
