/**
 * A plain `Uint8Array` view of a Buffer (no copy). Node's `Buffer` typings and the TypeScript DOM
 * library disagree on `ArrayBufferLike`, so crypto calls take this view instead.
 */
export function bytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}
