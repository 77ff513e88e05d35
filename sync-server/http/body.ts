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
  if (nestingDepth(raw) > MAX_JSON_DEPTH)
    throw badRequest(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`)
  try {
    return JSON.parse(raw.toString('utf8')) as unknown
  }
  catch {
    throw badRequest('invalid UTF-8 JSON')
  }
}

/**
 * No record, selector or replication request comes near this depth. Far deeper JSON parses fine but
 * then overflows the stack of whatever walks it (storing, validating, matching a selector), so it
 * is refused before parsing.
 */
export const MAX_JSON_DEPTH = 100

const OPEN_BRACE = 0x7B
const OPEN_BRACKET = 0x5B
const CLOSE_BRACE = 0x7D
const CLOSE_BRACKET = 0x5D
const QUOTE = 0x22
const BACKSLASH = 0x5C

/** The deepest nesting of objects and arrays in JSON text, counted without parsing it (one pass). */
export function nestingDepth(raw: ArrayLike<number>): number {
  let depth = 0
  let max = 0
  let inString = false
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]
    if (inString) {
      if (c === BACKSLASH)
        i++
      else if (c === QUOTE)
        inString = false
    }
    else if (c === QUOTE) {
      inString = true
    }
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++
      if (depth > max)
        max = depth
    }
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--
    }
  }
  return max
}
