/**
 * Whether a request method is safe (RFC 9110 §9.2.1) among those an app answers: GET, HEAD and OPTIONS only read, so
 * they need no CSRF check and may be answered from a read replica.
 * @example isSafeMethod(ctx.request.method)
 */
export const isSafeMethod = (method: string): boolean => method === 'GET' || method === 'HEAD' || method === 'OPTIONS'
