/**
 * A refused JWT: malformed, wrongly signed, or claims that do not hold. `message` names the precise reason (for
 * logs and tests); a scheme answering a client says less.
 * @example try { await verifyHs256Jwt(token, secret, opts) } catch (e) { if (e instanceof JwtInvalid) return null }
 */
export class JwtInvalid extends Error {
  override readonly name: string = 'JwtInvalid'
}

/**
 * A JWT that was good and is over: past its `exp`, or issued longer ago than the allowed age. A `JwtInvalid`
 * too, so one catch refuses both; a client is told to refresh rather than that its token is forged.
 * @example if (e instanceof JwtExpired) throw authError(scheme, 'The token has expired', 'invalid_token')
 */
export class JwtExpired extends JwtInvalid {
  override readonly name: string = 'JwtExpired'
}
