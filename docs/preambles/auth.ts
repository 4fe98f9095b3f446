// README's authentication blocks: the reference app's own current-user dependency and a few handlers.
import { dependency, get, guard, router, unauthorized } from 'edgestar'
import { bearerJwt } from 'edgestar/auth'

const CurrentUser = dependency<{ id: number } | null>('user')
const handlers = [get('/me', () => ({ ok: true }))]
