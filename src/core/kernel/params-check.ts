import type { checkParamReaders } from './param-readers'

/**
 * The check of params readers `createApp` runs on every route, set by the first `guard()` or `provide()` given
 * params: only they make a reader, so an app whose guards and providers read none bundles none of the check. Set
 * once per isolate, never per request.
 */
export const paramsCheck: { readers?: typeof checkParamReaders } = {}
