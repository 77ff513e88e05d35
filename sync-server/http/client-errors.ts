import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import { CONTENT_SECURITY_POLICY } from './security-headers'

/**
 * What Node's HTTP parser refuses before any handler runs (headers too large, a broken request
 * line or chunked body, a request that took too long to arrive), answered the CouchDB way: a JSON
 * `{error, reason}`, instead of Node's bare status line. The connection is closed afterwards,
 * since the parser no longer knows where the next request would start.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy()
    return
  }
  const [status, name, reason]
    = error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'request_header_fields_too_large', 'The request headers are too large.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request_timeout', 'The request took too long to arrive.']
        : [400, 'bad_request', 'Malformed HTTP request.']
  const body = JSON.stringify({ error: name, reason }) + '\n'
  socket.end([
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    'X-Content-Type-Options: nosniff',
    `Content-Security-Policy: ${CONTENT_SECURITY_POLICY}`,
    '',
    body,
  ].join('\r\n'))
}
