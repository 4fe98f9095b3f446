const SLASH = 47
const COLON = 58
const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)

/**
 * A stable operationId from method and path: the method in lower case, then each segment's words capitalised
 * (`:param` segments as `By<Param>`), or `Root` for `/`. One pass over the path: it runs for every route.
 * @example operationIdFor('GET', '/users/:id/posts') // 'getUsersByIdPosts'
 */
export const operationIdFor = (method: string, path: string): string => {
  let id = method.toLowerCase()
  let segments = false
  let wordStart = true
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i)
    if (c === SLASH) {
      wordStart = true
      continue
    }
    segments = true
    if (c === COLON && (i === 0 || path.charCodeAt(i - 1) === SLASH)) {
      id += 'By'
      wordStart = true
    } else if (isAlnum(c)) {
      id += wordStart ? path[i]!.toUpperCase() : path[i]
      wordStart = false
    } else wordStart = true
  }
  return segments ? id : `${id}Root`
}
