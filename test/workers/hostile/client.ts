import { apiClient, type Who } from '../kit'

let address = 0
const nextAddress = () => {
  address += 1
  return { 'cf-connecting-ip': `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}` }
}

/**
 * The hostile tests' client: it signs nobody in (each case carries its own credentials), and every request
 * comes from its own client address, so per-IP rate limits never answer in place of what is tested.
 */
export const hostile = apiClient({ headers: nextAddress })

/** The Authorization header of a new sign-in as `who`, for cases that build their requests by hand. */
export async function authorizationOf(who: Who): Promise<string> {
  const authorization = (await hostile.as(who)).credentials.get('authorization')
  if (!authorization) throw new Error(`signing in as ${JSON.stringify(who)} gave no Authorization header`)
  return authorization
}
