/** Whether a request asks for a WebSocket upgrade (`Upgrade: websocket`, in any case). */
export const isUpgrade = (request: Request): boolean => request.headers.get('upgrade')?.toLowerCase() === 'websocket'
