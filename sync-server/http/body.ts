import type { IncomingMessage } from 'node:http'
import { bytes } from '../bytes'
import { badRequest, HttpError } from './respond'

/** Reads the request body, refusing more than `limit` bytes with CouchDB's 413. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit)
    throw tooLarge()
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit)
      throw tooLarge()
    chunks.push(bytes(chunk))
  }
  return Buffer.concat(chunks)
}

function tooLarge(): HttpError {
  // The connection closes afterwards: the rest of the upload is not worth reading.
  return new HttpError(413, 'too_large', 'the request entity is too large', { Connection: 'close' })
}

/** Parses a JSON body (empty body → undefined); form bodies only where CouchDB takes them. */
export async function readJson(req: IncomingMessage, limit: number, allowForm = false): Promise<unknown> {
  const raw = await readBody(req, limit)
  if (raw.length === 0)
    return undefined
  const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
  if (allowForm && type === 'application/x-www-form-urlencoded')
    return Object.fromEntries(new URLSearchParams(raw.toString('utf8')))
  try {
    return JSON.parse(raw.toString('utf8')) as unknown
  }
  catch {
    throw badRequest('invalid UTF-8 JSON')
  }
}
