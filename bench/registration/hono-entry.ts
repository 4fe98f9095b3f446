import { buildHono } from '../scaling/hono'

/** Hono's scaled app builder, bundled on its own so importing it measures Hono's evaluation. */
export default buildHono
