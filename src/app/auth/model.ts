import * as v from 'valibot'
import { inputDto } from '../../core/data'

/** Login credentials; unknown fields are refused. */
export const LoginRequest = inputDto(
  'LoginRequest',
  {
    email: v.pipe(v.string(), v.trim(), v.email(), v.maxLength(254)),
    // PBKDF2 cost grows with the input, so the length is capped.
    password: v.pipe(v.string(), v.minLength(1), v.maxLength(1024)),
  },
  { examples: [{ email: 'alice@example.com', password: 'alice-password' }] },
)

/** A bearer access token, as OAuth 2 token responses shape it. */
export const AccessToken = v.pipe(
  v.object({
    accessToken: v.string(),
    tokenType: v.literal('Bearer'),
    expiresIn: v.pipe(v.number(), v.integer(), v.description('Seconds until the token expires')),
  }),
  v.title('AccessToken'),
  v.metadata({
    examples: [
      { accessToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIyIn0.c2lnbmF0dXJl', tokenType: 'Bearer', expiresIn: 900 },
    ],
  }),
)
