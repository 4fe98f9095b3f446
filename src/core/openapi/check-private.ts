import type { App } from '../kernel/app'
import { checkPrivateViews } from '../kernel/private-views'
import { viewCheck } from '../kernel/view-check'

/**
 * The private-view check again, for an app built while it was off (no `markPrivate` call yet): a field marked by
 * hand (`v.metadata({ 'x-private': ... })`) still refuses its document as it would have refused the app.
 */
export function checkPrivateOnce(app: App): void {
  if (viewCheck.run) return
  for (const r of app.routes) checkPrivateViews(`${r.method} ${r.path}`, r.spec, r.config.guards ?? [])
}
