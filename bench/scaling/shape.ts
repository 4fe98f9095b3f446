/** A built app of n routes spread over n/10 routers, and the paths of its first and last route. */
export interface ScaledApp {
  fetch(request: Request): Response | Promise<Response>
  readonly first: string
  readonly last: string
}

/** Routers per app and routes per router for n routes: ten routes in each router. */
export const PER_ROUTER = 10

/** The paths of the first and last route of an n-route app; every route is `/r{i}/item{j}/:id`. */
export function endpoints(n: number): { first: string; last: string } {
  const routers = Math.max(1, n / PER_ROUTER)
  return { first: '/r0/item0/42', last: `/r${routers - 1}/item${PER_ROUTER - 1}/42` }
}
