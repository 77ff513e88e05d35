import { createHmac, pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto'
import { promisify } from 'node:util'
import { bytes } from '../bytes'

const pbkdf2Async = promisify(pbkdf2)

/** OWASP's current figure for PBKDF2-HMAC-SHA256. */
export const PBKDF2_ITERATIONS = 600_000
const KEY_LENGTH = 32

/** The password fields of a CouchDB user document. */
export interface PasswordFields {
  password_scheme: 'pbkdf2'
  pbkdf2_prf: 'sha256'
  iterations: number
  salt: string
  derived_key: string
}

export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<PasswordFields> {
  const salt = randomBytes(16).toString('hex')
  const key = await pbkdf2Async(password, salt, iterations, KEY_LENGTH, 'sha256')
  return { password_scheme: 'pbkdf2', pbkdf2_prf: 'sha256', iterations, salt, derived_key: key.toString('hex') }
}

/**
 * Checks a password against a user document's fields. A hash costs about 0.3 s, and PouchDB with
 * Basic credentials sends them on every request, so a successful check is remembered for a few
 * minutes, keyed by a keyed digest of the password and the stored key (a password change or a new
 * salt misses the cache). Concurrent checks of the same credentials share one hash.
 */
export class PasswordVerifier {
  private readonly cacheKey = randomBytes(32)
  private readonly verified = new Map<string, number>()
  private readonly inFlight = new Map<string, Promise<boolean>>()

  constructor(private readonly ttlMs = 5 * 60_000, private readonly maxEntries = 10_000) {}

  async verify(fields: Partial<PasswordFields>, password: string): Promise<boolean> {
    const { salt, derived_key: stored, iterations } = fields
    if (fields.password_scheme !== 'pbkdf2' || typeof salt !== 'string' || typeof stored !== 'string' || typeof iterations !== 'number')
      return false
    const prf = fields.pbkdf2_prf ?? 'sha1'
    if (prf !== 'sha256' && prf !== 'sha1')
      return false
    const key = createHmac('sha256', bytes(this.cacheKey)).update(`${stored}\u0000${salt}\u0000${password}`).digest('base64')
    const until = this.verified.get(key)
    if (until !== undefined && until > Date.now())
      return true
    let pending = this.inFlight.get(key)
    if (!pending) {
      pending = pbkdf2Async(password, salt, iterations, stored.length / 2, prf).then((derived) => {
        const expected = Buffer.from(stored, 'hex')
        return expected.length === derived.length && timingSafeEqual(bytes(expected), bytes(derived))
      })
      this.inFlight.set(key, pending)
    }
    try {
      const ok = await pending
      if (ok)
        this.remember(key)
      return ok
    }
    finally {
      this.inFlight.delete(key)
    }
  }

  private remember(key: string): void {
    if (this.verified.size >= this.maxEntries) {
      const now = Date.now()
      for (const [k, until] of this.verified) {
        if (until <= now)
          this.verified.delete(k)
      }
      if (this.verified.size >= this.maxEntries)
        this.verified.clear()
    }
    this.verified.set(key, Date.now() + this.ttlMs)
  }
}
