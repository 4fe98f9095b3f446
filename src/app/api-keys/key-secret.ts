import { type GeneratedApiKey, generateApiKey as generate } from '../../core/auth'

/** The reference API's keys: `eak_<id>_<secret>`. */
export const API_KEY_PREFIX = 'eak'

/** A fresh key: its id, the full key to show once, and the hash to store. */
export const generateApiKey = (): Promise<GeneratedApiKey> => generate(API_KEY_PREFIX)
