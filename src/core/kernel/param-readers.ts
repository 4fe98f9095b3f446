import type * as v from 'valibot'
import type { Provider } from './di'
import type { Guard } from './guard'
import type { ParamsSchema } from './params'

/**
 * Checks at build that what a route's guards and providers read of its path parameters is what the route validates
 * (the same entry schemas, so their typed `ctx.params` is what they get); throws naming route, reader and key.
 */
export function checkParamReaders(
  route: string,
  own: v.ObjectEntries | undefined,
  guards: readonly Guard[],
  providers: ReadonlyMap<string, Provider>,
): void {
  const readers: [who: string, params: ParamsSchema | undefined][] = guards.map((g) => [
    `guard ${g.meta?.name ?? g.name}`,
    g.meta?.params,
  ])
  for (const p of providers.values()) readers.push([`the provider of "${p.key.name}"`, p.params])
  for (const [who, params] of readers)
    for (const key in params?.entries)
      if (own?.[key] !== params!.entries[key])
        throw new Error(
          `Route ${route}: ${who} reads the path parameter "${key}", which the route ${own?.[key] ? 'validates with another schema' : 'does not validate'}: declare the params once on the router (withParams(...).router) and make the handlers with the same factory`,
        )
}
