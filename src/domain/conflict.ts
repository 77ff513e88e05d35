/**
 * Conflicts a coordinator settles by hand. Replication keeps every revision two tablets wrote
 * offline; kinds with a domain rule (attendance: latest mark, enrolment: latest change) are settled
 * on the tablet, everything else waits in the inbox. The coordinator sees the revisions side by
 * side, field by field, picks one or merges fields, and the result becomes the winning revision.
 */

/** Kinds whose conflicts a domain rule settles on every tablet: they never reach the inbox. */
export const AUTO_RESOLVED_KINDS: readonly string[] = ['attendance', 'enrolment']

export function needsCoordinator(kind: string): boolean {
  return !AUTO_RESOLVED_KINDS.includes(kind)
}

/** Storage keys and bookkeeping that are not a choice: the merge sets them itself. */
const NOT_CHOSEN = new Set(['_id', '_rev', '_revisions', '_conflicts', '_deleted_conflicts', '_attachments', '_revs_info', 'updatedAt'])

export type RevisionBody = Readonly<Record<string, unknown>>

/** One field whose value differs between revisions; `values[i]` is its value in revision `i`. */
export interface FieldDifference {
  field: string
  values: unknown[]
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** Every field (outside storage keys) whose value is not the same in all revisions, sorted by name. */
export function fieldDifferences(revisions: readonly RevisionBody[]): FieldDifference[] {
  const fields = new Set<string>()
  for (const rev of revisions) {
    for (const key of Object.keys(rev)) {
      if (!NOT_CHOSEN.has(key))
        fields.add(key)
    }
  }
  return [...fields].sort().flatMap((field) => {
    const values = revisions.map(r => r[field])
    return values.every(v => same(v, values[0])) ? [] : [{ field, values }]
  })
}

/** For each differing field, the index of the revision whose value is kept; fields not named follow `base`. */
export type FieldChoice = Readonly<Record<string, number>>

/**
 * The merged body: revision `base`, with each chosen field taken from the chosen revision (a field
 * absent there is left out), stamped `updatedAt = now`. Storage keys are dropped: the data layer
 * writes the body on top of the current winner and deletes the other leaves.
 */
export function mergeRevisions(revisions: readonly RevisionBody[], choice: FieldChoice, base: number, now: string): Record<string, unknown> {
  const from = revisions[base]
  if (!from)
    throw new RangeError(`no revision ${base}`)
  const merged: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(from)) {
    if (!NOT_CHOSEN.has(key) || key === '_id')
      merged[key] = value
  }
  for (const { field } of fieldDifferences(revisions)) {
    const pick = revisions[choice[field] ?? base]
    if (!pick)
      throw new RangeError(`no revision ${String(choice[field])} for ${field}`)
    if (pick[field] === undefined)
      delete merged[field]
    else
      merged[field] = pick[field]
  }
  merged.updatedAt = now
  return merged
}
