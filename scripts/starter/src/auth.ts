import { bearerJwt } from 'edgestar/auth'
import type { Env } from './env'

/** Who is calling: the subject of a bearer token this Worker signed (`npm run token -- alice` makes one). */
export interface Caller {
  readonly id: string
}

/** `Authorization: Bearer <JWT>`, HS256 with the JWT_SECRET secret; an invalid token is a 401 problem. */
export const bearer = bearerJwt<Caller, Env>({
  secret: (env) => env.JWT_SECRET,
  issuer: '{{name}}',
  audience: '{{name}}',
  principal: (claims) => ({ id: String(claims.sub) }),
})
