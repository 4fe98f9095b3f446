import type { JwtClaims, JwtVerifyOptions } from './jwt-claims'

/** What a verifier checks besides the claims: the signature algorithms it accepts. */
export interface JwtVerifierOptions extends JwtVerifyOptions {
  readonly algorithms: readonly string[]
}

/**
 * Verifies JWTs signed by keys it holds (`remoteJwks`, `localJwks`): the claims, or a `JwtExpired`/`JwtInvalid`.
 * An interface, so `bearerJwt` takes public keys without bundling the code that reads them.
 * @example const verifier: JwtVerifier = localJwks({ keys: [publicJwk] })
 */
export interface JwtVerifier {
  verify(token: string, options: JwtVerifierOptions): Promise<JwtClaims>
}
