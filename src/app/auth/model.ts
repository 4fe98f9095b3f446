import * as v from 'valibot'

/** Login credentials. */
export const LoginRequest = v.pipe(
  v.object({
    email: v.pipe(v.string(), v.trim(), v.email(), v.maxLength(254)),
    password: v.pipe(v.string(), v.minLength(1), v.maxLength(1024)),
  }),
  v.title('LoginRequest'),
)

/** A bearer access token, as OAuth 2 token responses shape it. */
export const AccessToken = v.pipe(
  v.object({
    accessToken: v.string(),
    tokenType: v.literal('Bearer'),
    expiresIn: v.pipe(v.number(), v.integer(), v.description('Seconds until the token expires')),
  }),
  v.title('AccessToken'),
)
