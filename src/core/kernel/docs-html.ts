type Json = Record<string, unknown>

const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const
const pretty = (schema: unknown) => `<pre>${esc(JSON.stringify(schema, null, 2))}</pre>`

const params = (list: Json[] = []) =>
  list.length
    ? `<table><tr><th>name</th><th>in</th><th>required</th><th>schema</th><th></th></tr>${list
        .map(
          (p) =>
            `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? 'yes' : ''}</td><td><code>${esc(JSON.stringify(p.schema ?? {}))}</code></td><td>${esc(p.description)}</td></tr>`,
        )
        .join('')}</table>`
    : ''

const operation = (path: string, method: string, op: Json) => {
  const body = (op.requestBody as Json | undefined)?.content as Record<string, Json> | undefined
  const responses = Object.entries((op.responses ?? {}) as Record<string, Json>)
  return `<details id="${esc(op.operationId)}"><summary><b class="m ${method}">${method.toUpperCase()}</b> <code>${esc(path)}</code> ${esc(op.summary)}</summary>
<p>${esc(op.description)}</p>${params(op.parameters as Json[])}
${
  body
    ? Object.entries(body)
        .map(([type, media]) => `<h4>Request body (${esc(type)})</h4>${pretty(media.schema)}`)
        .join('')
    : ''
}
<h4>Responses</h4><ul>${responses.map(([status, r]) => `<li><b>${esc(status)}</b> ${esc(r.description)}</li>`).join('')}</ul></details>`
}

/**
 * A self-contained HTML reference of an OpenAPI document: every operation by path, its parameters, request body
 * schema and responses; no script, no stylesheet from elsewhere (it works offline and under a strict CSP).
 */
export function docsHtml(document: unknown): string {
  const doc = (document ?? {}) as Json
  const info = (doc.info ?? {}) as Json
  const paths = Object.entries((doc.paths ?? {}) as Record<string, Json>)
  const ops = paths.flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => operation(path, m, item[m] as Json)),
  )
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${esc(info.title)}</title><style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
details{border:1px solid #ddd;border-radius:6px;margin:.4rem 0;padding:.4rem .8rem}summary{cursor:pointer}
.m{display:inline-block;width:4.5rem}.get{color:#0a7}.post{color:#06c}.put,.patch{color:#a60}.delete{color:#c22}
pre{background:#f6f6f6;padding:.6rem;overflow:auto}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem}</style></head>
<body><h1>${esc(info.title)} <small>${esc(info.version)}</small></h1><p>${esc(info.description)}</p>
<p>The document: <a href="/openapi.json">/openapi.json</a> · <a href="/openapi.yaml">/openapi.yaml</a></p>
${ops.join('\n')}</body></html>`
}
