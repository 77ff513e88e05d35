import type { ServerResponse } from 'node:http'

/** An error the client may see, in CouchDB's words: status, `error` and `reason`. */
export class HttpError extends Error {
  constructor(readonly status: number, readonly error: string, readonly reason: string, readonly headers: Record<string, string> = {}) {
    super(reason)
  }
}

export const notFound = (reason = 'missing') => new HttpError(404, 'not_found', reason)
export const badRequest = (reason: string) => new HttpError(400, 'bad_request', reason)
export const forbidden = (reason: string) => new HttpError(403, 'forbidden', reason)
export const unauthorized = (reason = 'You are not authorized to access this db.') => new HttpError(401, 'unauthorized', reason)

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendJsonText(res, status, JSON.stringify(body), headers)
}

/** Sends JSON already written as text (answers that copy stored documents without parsing them). */
export function sendJsonText(res: ServerResponse, status: number, json: string, headers: Record<string, string> = {}): void {
  const text = json + '\n'
  if (res.headersSent) {
    // A long-poll already sent its headers and heartbeats: finish the body only.
    res.end(text)
    return
  }
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Cache-Control': 'must-revalidate',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  })
  res.end(text)
}

export function sendError(res: ServerResponse, error: HttpError): void {
  sendJson(res, error.status, { error: error.error, reason: error.reason }, error.headers)
}
