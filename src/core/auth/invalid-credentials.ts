/**
 * Thrown by an authentication scheme's `principal`/`lookup`/`verify` callback to refuse credentials that are
 * well formed but no longer good (a deleted account, an outdated credential version); the scheme answers 401.
 * @example if (!row) throw new InvalidCredentials('The account no longer exists')
 */
export class InvalidCredentials extends Error {
  override readonly name = 'InvalidCredentials'
}
