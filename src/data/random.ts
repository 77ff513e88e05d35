/** `bytes` random bytes as lowercase hex: PouchDB's revision ids are 16 of them, a tablet's id 12. */
export function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), b => b.toString(16).padStart(2, '0')).join('')
}
