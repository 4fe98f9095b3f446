// One field of a Cloudflare cron expression: numbers, names (MON, JAN), `*`, lists, ranges, steps, and the
// L, W and # forms Cloudflare accepts. Not a full parser: it refuses what is certainly not a cron field.
const FIELD = /^(\*|[0-9A-Z?LW#]+(-[0-9A-Z]+)?)(\/\d+)?(,(\*|[0-9A-Z?LW#]+(-[0-9A-Z]+)?)(\/\d+)?)*$/i

/** Whether a string is a five-field cron expression as wrangler.toml's `[triggers] crons` takes it. */
export function isCronExpression(expression: string): boolean {
  const fields = expression.split(' ')
  return fields.length === 5 && fields.every((f) => FIELD.test(f))
}
