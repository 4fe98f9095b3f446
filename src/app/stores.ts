import { defineStores, kvStore } from '../core/stores'

/** The app's named stores, all on the CACHE KV namespace under their own prefixes. */
export const stores = defineStores({
  responseCache: kvStore({ binding: (env) => env.CACHE, namespace: 'cache' }),
})
