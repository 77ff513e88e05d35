import * as v from 'valibot'

/**
 * A validation problem in a form the UI can translate and the server can put in a `reason`.
 * `code` is a stable key (`required`, `tooLong`, `notAllowed`, ...), `path` the dotted field name.
 */
export interface FieldIssue {
  path: string
  code: string
  /** The limit or expected value, when the code needs one to be read (e.g. the maximum length). */
  limit?: number | string
}

export type Validated<T> = { ok: true, value: T } | { ok: false, issues: FieldIssue[] }

/** Runs a valibot schema and turns its issues into `FieldIssue`s. */
export function runSchema<S extends v.GenericSchema>(schema: S, input: unknown): Validated<v.InferOutput<S>> {
  const result = v.safeParse(schema, input, { abortPipeEarly: true })
  if (result.success)
    return { ok: true, value: result.output }
  return { ok: false, issues: result.issues.map(toFieldIssue) }
}

function toFieldIssue(issue: v.BaseIssue<unknown>): FieldIssue {
  const path = (issue.path ?? []).map(item => String(item.key)).join('.')
  // The message of each pipe action is set to a stable code in the schemas below.
  const code = issue.message.startsWith('Invalid') ? (issue.input === undefined ? 'required' : 'invalidType') : issue.message
  const limit = issue.requirement
  return typeof limit === 'number' || typeof limit === 'string' ? { path, code, limit } : { path, code }
}

/** Human-readable reason for a server response or a log line: never includes the rejected value. */
export function describeIssues(issues: readonly FieldIssue[]): string {
  return issues.map(i => `${i.path || 'document'}: ${i.code}${i.limit === undefined ? '' : ` (${i.limit})`}`).join('; ')
}
