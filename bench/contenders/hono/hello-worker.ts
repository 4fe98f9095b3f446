import { Hono } from 'hono'

const app = new Hono()
app.get('/greet', (c) => c.json({ message: `Hello, ${c.req.query('name')}!` }))

/** Hono's hello app: one route, no validator, no document; what a one-route app of ours is weighed against. */
export default app
