// Puts the client's address on every request as our own header, computed from the socket, before the
// app sees it. The server entry (tools/server.ts) calls it; better-auth reads only that header. Edit when
// the app is served by something other than node:http.
import type { IncomingMessage } from 'node:http';
import { CLIENT_ADDRESS_HEADER, clientAddress, type TrustedProxies } from './client-address';

/** Overwrites CLIENT_ADDRESS_HEADER with the address computed from the TCP peer (whatever the client sent). */
export function stampClientAddress(req: IncomingMessage, trusted: TrustedProxies): void {
  const ip = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trusted);
  // Drop every copy the client sent, from both views of the headers.
  for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2) {
    if (req.rawHeaders[i]?.toLowerCase() === CLIENT_ADDRESS_HEADER) req.rawHeaders.splice(i, 2);
  }
  delete req.headers[CLIENT_ADDRESS_HEADER];
  if (ip) {
    req.headers[CLIENT_ADDRESS_HEADER] = ip;
    req.rawHeaders.push(CLIENT_ADDRESS_HEADER, ip);
  }
}
