// Starts the Scalar reference on the page. Kept out of docs.html so the CSP needs no inline script.
// Everything the page loads comes from this origin: no web fonts, telemetry, AI agent, MCP link or CORS proxy.
globalThis.Scalar.createApiReference('#app', {
  url: '/openapi.json',
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
  showDeveloperTools: 'never',
  hideClientButton: true,
  showOperationId: true,
  defaultOpenAllTags: true,
})
