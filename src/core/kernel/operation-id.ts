const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
const words = (s: string) =>
  s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(cap)
    .join('')

/**
 * A stable operationId from method and path.
 * @example operationIdFor('GET', '/users/:id/posts') // 'getUsersByIdPosts'
 */
export const operationIdFor = (method: string, path: string): string => {
  const parts = path
    .split('/')
    .filter(Boolean)
    .map((seg) => (seg.startsWith(':') ? `By${words(seg.slice(1))}` : words(seg)))
  return method.toLowerCase() + (parts.length ? parts.join('') : 'Root')
}
