import { PIN_HASH_ITERATIONS } from '../domain'

/** A PIN as the tablet keeps it: a salted PBKDF2-SHA256 hash, never the digits themselves. */
export interface PinHash {
  /** base64 of the derived 32 bytes. */
  hash: string
  /** base64 of 16 random bytes, new for every PIN set. */
  salt: string
  /** Stored with the hash so a later version can raise it without breaking PINs set before. */
  iterations: number
}

const encoder = new TextEncoder()

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), c => c.charCodeAt(0))
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(pin), 'PBKDF2', false, ['deriveBits'])
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256)
  return new Uint8Array(bits)
}

/** Hashes a new PIN with a fresh random salt (WebCrypto: no library, nothing leaves the tablet). */
export async function hashPin(pin: string, iterations: number = PIN_HASH_ITERATIONS): Promise<PinHash> {
  const salt = crypto.getRandomValues(new Uint8Array(16))
  return { hash: toBase64(await derive(pin, salt, iterations)), salt: toBase64(salt), iterations }
}

/** Compares in constant time over the bytes, so timing does not tell how much of a guess was right. */
export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  const actual = await derive(pin, fromBase64(stored.salt), stored.iterations)
  const expected = fromBase64(stored.hash)
  let diff = actual.length ^ expected.length
  for (let i = 0; i < actual.length; i++)
    diff |= actual[i]! ^ (expected[i] ?? 0)
  return diff === 0
}
