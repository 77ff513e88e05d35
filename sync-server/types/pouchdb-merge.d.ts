// Local declarations for PouchDB's revision-tree package, which ships no types.
declare module 'pouchdb-merge' {
  export interface RevOpts {
    status?: 'available' | 'missing'
    deleted?: boolean
  }
  /** A node of a revision path: [hash, opts, children]. */
  export type RevNode = [string, RevOpts, RevNode[]]
  export interface RevPath {
    pos: number
    ids: RevNode
  }
  export type RevTree = RevPath[]
  export interface DocMetadata {
    id?: string
    rev_tree: RevTree
    [key: string]: unknown
  }
  export interface MergeResult {
    tree: RevTree
    stemmedRevs: string[]
    conflicts: 'new_leaf' | 'new_branch' | 'internal_node'
  }
  export function merge(tree: RevTree, path: RevPath, depth: number): MergeResult
  export function winningRev(metadata: DocMetadata): string
  export function collectConflicts(metadata: DocMetadata): string[]
  export function collectLeaves(tree: RevTree): { rev: string, opts: RevOpts }[]
  export function compactTree(metadata: DocMetadata): string[]
  export function isDeleted(metadata: DocMetadata, rev?: string): boolean | undefined
  export function isLocalId(id: unknown): boolean
  export function revExists(tree: RevTree, rev: string): boolean
  export function rootToLeaf(tree: RevTree): { pos: number, ids: { id: string, opts: RevOpts }[] }[]
  export function traverseRevTree<C>(
    tree: RevTree,
    callback: (isLeaf: boolean, pos: number, hash: string, ctx: C | undefined, opts: RevOpts) => C | void,
  ): void
  export function latest(rev: string, metadata: DocMetadata): string
  export function findPathToLeaf(tree: RevTree, rev: string): string[]
  export function removeLeafFromTree(tree: RevTree, rev: string): RevTree
}
