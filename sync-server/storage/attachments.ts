import { createHash } from 'node:crypto'
import { bytes } from '../bytes'
import type { Body, Database } from './database'

/** A stored attachment as it sits in a revision body: always a stub, data kept once per digest. */
export interface AttachmentStub {
  content_type: string
  digest: string
  length: number
  revpos: number
  stub: true
}

export class AttachmentError extends Error {
  constructor(readonly status: number, readonly error: string, readonly reason: string) {
    super(reason)
  }
}

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/

/** CouchDB's digest: `md5-` and the base64 MD5 of the bytes, as PouchDB computes it too. */
export function digestOf(data: Buffer): string {
  return `md5-${createHash('md5').update(bytes(data)).digest('base64')}`
}

/**
 * Turns the `_attachments` of an incoming body into stubs: inline base64 data is stored by digest,
 * stubs must point at data this database already holds (from the parent revision or, for
 * replicated revisions, from any revision with the same digest).
 */
export function storeAttachments(db: Database, body: Body, pos: number, parentBody: Body | undefined): void {
  const atts = body._attachments
  if (atts === undefined)
    return
  if (!isObject(atts))
    throw new AttachmentError(400, 'bad_request', '_attachments must be an object')
  const parentAtts = isObject(parentBody?._attachments) ? parentBody._attachments : {}
  const stubs: Record<string, AttachmentStub> = {}
  for (const [name, att] of Object.entries(atts)) {
    if (!isObject(att))
      throw new AttachmentError(400, 'bad_request', 'attachment must be an object')
    const contentType = typeof att.content_type === 'string' ? att.content_type : 'application/octet-stream'
    if (typeof att.data === 'string') {
      if (!BASE64.test(att.data))
        throw new AttachmentError(400, 'bad_request', 'Attachment is not a valid base64 string')
      const data = Buffer.from(att.data, 'base64')
      const digest = digestOf(data)
      db.putAttachment(digest, data)
      const revpos = typeof att.revpos === 'number' ? att.revpos : pos
      stubs[name] = { content_type: contentType, digest, length: data.length, revpos, stub: true }
      continue
    }
    // The bytes of a `follows` attachment come in a multipart body, which the route has inlined.
    if (att.follows === true)
      throw new AttachmentError(400, 'bad_request', 'attachment marked follows, but the body is not multipart/related')
    const known = stubFrom(parentAtts[name]) ?? (typeof att.digest === 'string' ? stubFrom(att) : undefined)
    if (!known || !db.getAttachment(known.digest))
      throw new AttachmentError(412, 'missing_stub', `A pre-existing attachment stub wasn't found`)
    stubs[name] = known
  }
  body._attachments = stubs
}

function stubFrom(value: unknown): AttachmentStub | undefined {
  if (!isObject(value) || typeof value.digest !== 'string')
    return undefined
  return {
    content_type: typeof value.content_type === 'string' ? value.content_type : 'application/octet-stream',
    digest: value.digest,
    length: typeof value.length === 'number' ? value.length : 0,
    revpos: typeof value.revpos === 'number' ? value.revpos : 1,
    stub: true,
  }
}

/** Replaces stubs with inline base64 data (for `attachments=true`), or leaves stubs as they are. */
export function withAttachmentData(db: Database, body: Body, inline: boolean): Body {
  if (!inline || !isObject(body._attachments))
    return body
  const out: Record<string, unknown> = {}
  for (const [name, att] of Object.entries(body._attachments)) {
    const stub = stubFrom(att)
    const data = stub && db.getAttachment(stub.digest)
    if (!stub || !data) {
      out[name] = att
      continue
    }
    const { stub: _stub, ...rest } = stub
    out[name] = { ...rest, data: data.toString('base64') }
  }
  return { ...body, _attachments: out }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
