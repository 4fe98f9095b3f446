import type { Trigger } from '../kernel/trigger'

/**
 * The distinct cron expressions of an app's jobs, sorted: what wrangler.toml's `[triggers] crons` must list.
 * @example expect(cronsOf(app.options.triggers).sort()).toEqual(wranglerConfig.triggers.crons.sort())
 */
export const cronsOf = (triggers: readonly Trigger[] = []): string[] =>
  [...new Set(triggers.flatMap((t) => (t.kind === 'scheduled' ? [t.cron] : [])))].sort()
