// Local declarations for the parts of PouchDB's adapter utilities the server uses (no types ship).
declare module 'pouchdb-adapter-utils' {
  import type { DocMetadata, RevTree } from 'pouchdb-merge'

  export interface ParsedMetadata extends DocMetadata {
    id: string
    rev: string
    rev_tree: RevTree
    deleted?: boolean
  }
  /** What `parseDoc` returns: storage metadata (from `_`-keys) and the body. */
  export interface DocInfo {
    metadata: ParsedMetadata
    data: Record<string, unknown>
    stemmedRevs?: string[]
  }
  export interface PouchErrorLike {
    status: number
    name: string
    message: string
    reason?: string
    error: true
  }
  export function parseDoc(doc: Record<string, unknown>, newEdits: boolean, dbOpts?: { deterministic_revs: boolean }): DocInfo | PouchErrorLike

  export type WriteDoc = (
    docInfo: DocInfo,
    winningRev: string,
    winningRevIsDeleted: boolean,
    newRevIsDeleted: boolean,
    isUpdate: boolean,
    delta: number,
    resultsIdx: number,
    callback: () => void,
  ) => void

  export function processDocs(
    revLimit: number,
    docInfos: DocInfo[],
    api: unknown,
    fetchedDocs: Map<string, DocMetadata>,
    tx: unknown,
    results: (DocInfo | PouchErrorLike | undefined)[],
    writeDoc: WriteDoc,
    opts: { new_edits: boolean },
    overallCallback: () => void,
  ): void
}
