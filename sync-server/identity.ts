import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface Identity {
  /** `GET /` answers it; PouchDB keys its checkpoints on it, so it must never change. */
  uuid: string
  /** Signs session cookies, so sessions survive a restart. */
  secret: Buffer
}

/** Reads the server's identity from the data folder, creating it on the first start. */
export function loadIdentity(dataDir: string): Identity {
  mkdirSync(dataDir, { recursive: true })
  const file = join(dataDir, 'server.json')
  if (existsSync(file)) {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { uuid?: unknown, secret?: unknown }
    if (typeof raw.uuid === 'string' && typeof raw.secret === 'string')
      return { uuid: raw.uuid, secret: Buffer.from(raw.secret, 'hex') }
  }
  const identity = { uuid: randomUUID().replace(/-/g, ''), secret: randomBytes(32) }
  // Written to a temporary file and renamed, so a crash never leaves half an identity behind.
  const tmp = `${file}.tmp`
  writeFileSync(tmp, JSON.stringify({ uuid: identity.uuid, secret: identity.secret.toString('hex') }), { mode: 0o600 })
  renameSync(tmp, file)
  return identity
}
