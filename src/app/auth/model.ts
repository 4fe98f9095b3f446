import * as v from 'valibot'
import { inputDto } from '../../core/data'
import { EmailAddress } from '../common/identity'

const Email = EmailAddress
// PBKDF2 cost grows with the input, so the length is capped.
const GivenPassword = v.pipe(v.string(), v.minLength(1), v.maxLength(1024))
const credentialsExample = { email: 'alice@example.com', password: 'alice-password' }

/** Login credentials; unknown fields are refused. */
export const LoginRequest = inputDto(
  'LoginRequest',
  { email: Email, password: GivenPassword },
  { examples: [credentialsExample] },
)

/** A refresh token to exchange; each works once. */
export const RefreshRequest = inputDto(
  'RefreshRequest',
  { refreshToken: v.pipe(v.string(), v.minLength(1), v.maxLength(4096)) },
  { examples: [{ refreshToken: 'eyJhbGciOiJIUzI1NiJ9.eyJmYW0iOiIuLi4ifQ.c2lnbmF0dXJl' }] },
)

/** A password change: the current password proves it is the account holder, not a stolen token. */
export const PasswordChange = inputDto(
  'PasswordChange',
  {
    currentPassword: GivenPassword,
    /** 8 to 128 characters; every other session and token of the account ends */
    newPassword: v.pipe(v.string(), v.minLength(8), v.maxLength(128)),
  },
  { examples: [{ currentPassword: 'alice-password', newPassword: 'a much better passphrase' }] },
)

/** An email change: the current password proves it is the account holder; every session and token then ends. */
export const EmailChange = inputDto(
  'EmailChange',
  { currentPassword: GivenPassword, newEmail: Email },
  { examples: [{ currentPassword: 'alice-password', newEmail: 'alice@example.org' }] },
)

/** Deleting an account: the current password of whoever deletes it (the owner, or the admin doing it). */
export const AccountDeletion = inputDto(
  'AccountDeletion',
  { currentPassword: GivenPassword },
  { examples: [{ currentPassword: 'alice-password' }] },
)

/** A bearer access token and the refresh token that replaces it, as OAuth 2 token responses shape them. */
export const TokenPair = v.pipe(
  v.object({
    accessToken: v.string(),
    tokenType: v.literal('Bearer'),
    /** Seconds until the access token expires */
    expiresIn: v.pipe(v.number(), v.integer()),
    /** Exchange at POST /auth/refresh for a new pair; using one twice revokes the login */
    refreshToken: v.string(),
  }),
  v.title('TokenPair'),
  v.metadata({
    examples: [
      {
        accessToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIyIn0.c2lnbmF0dXJl',
        tokenType: 'Bearer',
        expiresIn: 900,
        refreshToken: 'eyJhbGciOiJIUzI1NiJ9.eyJmYW0iOiIuLi4ifQ.c2lnbmF0dXJl',
      },
    ],
  }),
)

/** A started cookie session: the token to send as X-CSRF-Token from clients that send no Origin header. */
export const SessionStarted = v.pipe(
  v.object({
    /** Send as X-CSRF-Token on writes when the client sends no Origin */
    csrfToken: v.string(),
  }),
  v.title('SessionStarted'),
  v.metadata({ examples: [{ csrfToken: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' }] }),
)
