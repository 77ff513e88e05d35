/**
 * A projection turns one record kind's documents into flat rows of one read-model table. Every row
 * carries its document id and the PouchDB database it came from, so a rebuild can drop one
 * database's rows, and a deleted or no-longer-valid document can be removed by id.
 */
export interface ProjectedRow {
  id: string
  db: string
}

export interface Projection<Row extends ProjectedRow = ProjectedRow> {
  /** The Dexie table the rows go to. */
  table: string
  /** Dexie index spec of that table: primary key `id` first, then `db`, then the list indexes. */
  indexes: string
  /** The row for a document, or null when the document is not of this kind (or not valid). */
  toRow(db: string, doc: Record<string, unknown>): Row | null
  /**
   * Sees every document, beside the one projection that owns its kind (e.g. the conflicts index
   * across kinds). Its row is removed whenever `toRow` gives null, as for a deleted document.
   */
  alongside?: boolean
}
