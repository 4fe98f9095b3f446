import { validation, withEnv } from 'edgestar'
import * as v from 'valibot'

interface Env {
  GREETING: string
}
const { get, createApp } = withEnv<Env>()

const greet = get('/greet', { query: v.object({ name: v.string() }) }, ({ query, env }) => ({
  message: `${env.GREETING}, ${query.name}!`,
}))

export default createApp({ plugins: [validation()], handlers: [greet] })
