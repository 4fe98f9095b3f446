import { STORED_EXTENSIONS } from './file-types'

/** The shape of every key we generate: a v4 UUID and a stored extension. */
export const FILE_KEY = new RegExp(
  `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\\.(${STORED_EXTENSIONS.join('|')})$`,
)

/** Whether a client-supplied key has the shape of one we generate; anything else is never looked up. */
export const isFileKey = (key: string): boolean => FILE_KEY.test(key)
