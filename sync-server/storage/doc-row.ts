import type { DocMetadata, RevTree } from 'pouchdb-merge'

/** One stored document's metadata, as PouchDB's rev-tree functions expect it. */
export interface DocRow extends DocMetadata {
  id: string
  seq: number
  winningRev: string
  deleted: boolean
  rev_tree: RevTree
}

export interface RawDocRow { id: string, seq: number, winning_rev: string, deleted: number, rev_tree: string }

/**
 * The revision tree is parsed on first use: a `_changes` batch, `_all_docs` and `_revs_diff` of
 * documents without conflicts often need only the winner.
 */
export function toDocRow(row: RawDocRow): DocRow {
  let tree: RevTree | undefined
  return {
    id: row.id,
    seq: row.seq,
    winningRev: row.winning_rev,
    deleted: row.deleted === 1,
    get rev_tree(): RevTree {
      return (tree ??= JSON.parse(row.rev_tree) as RevTree)
    },
    set rev_tree(value: RevTree) {
      tree = value
    },
  }
}

/** A revision id's position and hash (`3-abc`: 3 and `abc`); its form has been checked before. */
export function splitRev(rev: string): { pos: number, hash: string } {
  const dash = rev.indexOf('-')
  return { pos: Number.parseInt(rev.slice(0, dash), 10), hash: rev.slice(dash + 1) }
}
