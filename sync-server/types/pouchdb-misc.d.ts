// Local declaration for PouchDB's helper package (no types ship).
declare module 'pouchdb-utils' {
  export function uuid(): string
  export function rev(doc: Record<string, unknown>, deterministic: boolean): string
}
