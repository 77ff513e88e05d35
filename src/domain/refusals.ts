/**
 * Why the server refuses a write (403 `forbidden`). The reason travels in English, as CouchDB's own
 * reasons do; the app recognises each by its key and shows it in the user's language. One list for
 * the write rules, the server and the app, so a reason never drifts from its translation.
 */
export const REFUSALS = {
  deleteNotAuthor: 'only the author or a coordinator may delete this record',
  configCoordinatorOnly: 'only coordinators may change configuration',
  kindNotAllowed: 'record kind not allowed in this database',
  roleMayNotWrite: 'your role may not write this record kind',
  coordinatorOnly: 'only coordinators may write this record',
  otherMunicipality: 'record belongs to another municipality',
  notTheWriter: 'createdBy must be the signed-in account',
  changeNotAuthor: 'only the author or a coordinator may change this record',
  authorFixed: 'createdBy cannot change',
  courseMissing: 'the course of this record is not on the server',
  notCourseTrainer: 'only the trainers of this course may write its sessions, enrolments and attendance',
  markOtherCourse: 'the session of this mark belongs to another course',
} as const

export type RefusalKey = keyof typeof REFUSALS | 'invalid' | 'other'

/** The key of a refusal reason; `invalid` for a record the schema refused, `other` for anything else. */
export function refusalKey(reason: string): RefusalKey {
  if (reason.startsWith('invalid '))
    return 'invalid'
  const found = (Object.keys(REFUSALS) as Array<keyof typeof REFUSALS>).find(k => REFUSALS[k] === reason)
  return found ?? 'other'
}
