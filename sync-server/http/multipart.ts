import { gunzipSync } from 'node:zlib'
import { bytes } from '../bytes'
import { isObject } from '../storage/attachments'
import type { Body } from '../storage/database'
import { MAX_JSON_DEPTH, nestingDepth } from './body'
import { badRequest } from './respond'

export interface Part {
  headers: Record<string, string>
  data: Buffer
}

/** The boundary of a `multipart/*` content type, or undefined when it is not multipart. */
export function multipartBoundary(contentType: string | undefined, subtype: 'related' | 'mixed'): string | undefined {
  const value = String(contentType ?? '')
  if (!value.toLowerCase().startsWith(`multipart/${subtype}`))
    return undefined
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(value)
  const boundary = match?.[1] ?? match?.[2]
  if (!boundary || boundary.length > 200)
    throw badRequest('multipart body without a valid boundary')
  return boundary
}

/** Splits a multipart body into its parts (RFC 2046): headers lower-cased, bodies as bytes. */
export function parseMultipart(raw: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`)
  let at = raw.indexOf(delimiter)
  if (at === -1)
    throw badRequest('multipart body without its boundary')
  const parts: Part[] = []
  for (;;) {
    at += delimiter.length
    // `--` after a delimiter closes the body.
    if (raw[at] === 0x2D && raw[at + 1] === 0x2D)
      return parts
    const headerStart = raw.indexOf('\r\n', at) + 2
    const headerEnd = raw.indexOf('\r\n\r\n', headerStart - 2)
    const next = raw.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd === -1 ? at : headerEnd)
    if (headerStart < 2 || headerEnd === -1 || next === -1)
      throw badRequest('multipart body is cut short')
    const headers: Record<string, string> = {}
    for (const line of raw.subarray(headerStart, headerEnd).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':')
      if (colon > 0)
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
    }
    parts.push({ headers, data: raw.subarray(headerEnd + 4, next) })
    at = next + 2
  }
}

/**
 * A document sent as `multipart/related`, the way CouchDB's replicator sends revisions with
 * attachments: the JSON document first, whose `_attachments` marked `follows: true` take their
 * bytes from the next parts, in the order they are listed (or by the part's file name when it
 * gives one). Bytes sent gzip-encoded (`encoding: "gzip"`) are decoded. The result is the same
 * document with inline base64 data, which the ordinary write path stores.
 */
export function documentFromMultipart(raw: Buffer, boundary: string): Body {
  const [first, ...rest] = parseMultipart(raw, boundary)
  if (!first)
    throw badRequest('multipart body without a document')
  if (nestingDepth(first.data) > MAX_JSON_DEPTH)
    throw badRequest(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`)
  let doc: unknown
  try {
    doc = JSON.parse(first.data.toString('utf8'))
  }
  catch {
    throw badRequest('invalid UTF-8 JSON')
  }
  if (!isObject(doc))
    throw badRequest('Document must be a JSON object')
  const atts = isObject(doc._attachments) ? doc._attachments : {}
  const byName = new Map<string, Part>()
  const inOrder: Part[] = []
  for (const part of rest) {
    const name = /filename="([^"]*)"/.exec(part.headers['content-disposition'] ?? '')?.[1]
    if (name !== undefined)
      byName.set(name, part)
    else
      inOrder.push(part)
  }
  const out: Record<string, unknown> = {}
  for (const [name, att] of Object.entries(atts)) {
    if (!isObject(att) || att.follows !== true) {
      out[name] = att
      continue
    }
    const part = byName.get(name) ?? inOrder.shift()
    if (!part)
      throw badRequest(`attachment ${JSON.stringify(name.slice(0, 64))} is missing from the multipart body`)
    const { follows: _f, encoding, encoded_length: _e, length: _l, digest: _d, ...rest } = att
    out[name] = { ...rest, data: decode(part.data, encoding).toString('base64') }
  }
  return Object.keys(atts).length > 0 ? { ...doc, _attachments: out } : doc
}

function decode(data: Buffer, encoding: unknown): Buffer {
  if (encoding === undefined || encoding === 'identity')
    return data
  if (encoding !== 'gzip')
    throw badRequest('attachment encoding must be gzip or identity')
  try {
    return gunzipSync(bytes(data), { maxOutputLength: 64 * 1024 * 1024 })
  }
  catch {
    throw badRequest('attachment is not valid gzip')
  }
}
