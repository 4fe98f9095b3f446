// `npm run token -- alice`: a bearer token for the subject `alice`, signed with .dev.vars' JWT_SECRET (1 hour).
import { readFileSync } from 'node:fs'
import { SignJWT } from 'jose'

const subject = process.argv[2] ?? 'alice'
const secret = /^JWT_SECRET="?([^"\n]+)"?/m.exec(readFileSync('.dev.vars', 'utf8'))?.[1]
if (!secret) throw new Error('No JWT_SECRET in .dev.vars: run `npm run dev` once first')
const token = await new SignJWT({ sub: subject })
  .setProtectedHeader({ alg: 'HS256' })
  .setIssuer('{{name}}')
  .setAudience('{{name}}')
  .setIssuedAt()
  .setExpirationTime('1h')
  .sign(new TextEncoder().encode(secret))
console.log(token)
