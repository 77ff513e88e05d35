import type { IncomingMessage } from 'node:http'
import { bytes } from '../bytes'
import { badRequest, HttpError } from './respond'

/**
 * Reads the request body, refusing more than `limit` bytes with CouchDB's 413. Plain `data`/`end`
 * events: an async iterator over the request costs a promise per chunk and a third of the time
 * of reading a replication batch.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit)
    return Promise.reject(tooLarge())
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const done = (error?: unknown) => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', done)
      req.off('close', onClose)
      if (error === undefined)
        resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks.map(bytes)))
      else
        reject(error)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        // Stop reading; the answer closes the connection.
        req.pause()
        done(tooLarge())
        return
      }
      chunks.push(chunk)
    }
    const onEnd = () => done()
    // The client went away before the body was complete.
    const onClose = () => done(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }))
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', done)
    req.on('close', onClose)
  })
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

/** A Buffer or any byte array with a native search. */
interface Bytes extends ArrayLike<number> {
  indexOf: (byte: number, from?: number) => number
}

function escaped(raw: Bytes, quote: number): boolean {
  let n = 0
  for (let k = quote - 1; k >= 0 && raw[k] === BACKSLASH; k--)
    n++
  return n % 2 === 1
}

/** The deepest nesting of objects and arrays in JSON text, counted without parsing it (one pass). */
export function nestingDepth(raw: Bytes): number {
  let depth = 0
  let max = 0
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]
    if (c === QUOTE) {
      // Most of a document is inside strings: jump to the closing quote (a native search) instead
      // of looking at every byte. A quote after an odd number of backslashes is part of the string.
      let end = raw.indexOf(QUOTE, i + 1)
      while (end !== -1 && escaped(raw, end))
        end = raw.indexOf(QUOTE, end + 1)
      if (end === -1)
        return max
      i = end
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
