import { describeDb, isCoordinator, type DbKind, type UserCtx } from './access'
import { DEVICE_KIND, validateDevice } from './device'
import { COORDINATOR_EVENT_TYPES, DEVICE_EVENT_KIND, validateDeviceEvent } from './device-event'
import { HOME_VISIT_KIND, validateHomeVisit } from './home-visit'
import { LOAN_EXTENSION_KIND, LOAN_KIND, validateLoan, validateLoanExtension } from './loan'
import { validateDeskConfig } from './desk-config'
import { APP_SETTINGS_KIND, validateAppSettings } from './app-settings'
import { ATTENDANCE_KIND, validateAttendance } from './attendance'
import { COURSE_KIND, validateCourse } from './course'
import { COURSE_SESSION_KIND, validateCourseSession } from './course-session'
import { ENROLMENT_KIND, validateEnrolment } from './enrolment'
import { courseAccessReason, type DocLookup } from './course-access'
import { HELP_SESSION_KIND, validateHelpSession } from './help-session'
import { PERSON_KIND, validatePerson } from './person'
import { describeIssues, type Validated } from './validation'
import { REFUSALS } from './refusals'

/** A document as it arrives at the server: any JSON object. */
export type IncomingDoc = Record<string, unknown> & { _id: string, _deleted?: boolean }

interface KindRule {
  /** A configuration record belongs to the whole Digibank: it names no municipality. */
  validate: (doc: unknown) => Validated<{ createdBy: string, municipality?: string }>
  /** Roles (besides coordinators) that may create and change their own records of this kind. */
  writers: readonly string[]
  /** Whether the record must belong to the municipality of its database. */
  scopedToDb: boolean
  /** Whether any writer may change a record someone else made (shared registries). */
  sharedEdit: boolean
  /**
   * One document per fact, with an id derived from the fact (attendance: session × person). Two
   * writers may each create it offline; their revisions are siblings, so `createdBy` may differ
   * from the winner's, and any writer may delete a losing revision when resolving the conflict.
   */
  oneDocPerFact?: boolean
  /** `createdBy` names the writer of each revision (co-trainers change each other's records). */
  writerStamped?: boolean
  /** Records of this kind that only a coordinator may write (a decision on a double booking). */
  coordinatorOnly?: (doc: IncomingDoc) => boolean
}

/**
 * Which record kinds live in which database, and who writes them. Adding a record kind means adding
 * it here: the server enforces it, and `deploy/couchdb` generates its validate function from it.
 */
export const KIND_RULES: Partial<Record<DbKind, Record<string, KindRule>>> = {
  municipality: {
    [HELP_SESSION_KIND]: { validate: validateHelpSession, writers: ['volunteer'], scopedToDb: true, sharedEdit: false },
    // Classes: co-trainers of a course keep its sessions, enrolments and roll calls together.
    [COURSE_KIND]: { validate: validateCourse, writers: ['trainer'], scopedToDb: true, sharedEdit: true },
    [COURSE_SESSION_KIND]: { validate: validateCourseSession, writers: ['trainer'], scopedToDb: true, sharedEdit: true, writerStamped: true },
    [ENROLMENT_KIND]: { validate: validateEnrolment, writers: ['trainer'], scopedToDb: true, sharedEdit: true, oneDocPerFact: true },
    [ATTENDANCE_KIND]: { validate: validateAttendance, writers: ['trainer'], scopedToDb: true, sharedEdit: true, oneDocPerFact: true },
  },
  residents: {
    // A returning resident is recognised and updated at any desk: the registry is shared. Each
    // revision names its writer, so the editor's tablet pushes the change (not the registrant's).
    [PERSON_KIND]: { validate: validatePerson, writers: ['volunteer', 'trainer', 'lender'], scopedToDb: false, sharedEdit: true, writerStamped: true },
  },
  lending: {
    // The inventory is kept together by all lenders; the id is the asset tag, so two tablets
    // registering one tag make one document with a conflict, not two devices.
    [DEVICE_KIND]: { validate: validateDevice, writers: ['lender'], scopedToDb: false, sharedEdit: true, oneDocPerFact: true },
    // Events, loans, extensions and visits are facts: written once by their author, never edited.
    [DEVICE_EVENT_KIND]: { validate: validateDeviceEvent, writers: ['lender'], scopedToDb: false, sharedEdit: false, coordinatorOnly: isCoordinatorEvent },
    [LOAN_KIND]: { validate: validateLoan, writers: ['lender'], scopedToDb: false, sharedEdit: false },
    [LOAN_EXTENSION_KIND]: { validate: validateLoanExtension, writers: ['lender'], scopedToDb: false, sharedEdit: false },
    [HOME_VISIT_KIND]: { validate: validateHomeVisit, writers: ['lender'], scopedToDb: false, sharedEdit: false },
  },
  config: {
    // The Digibank's settings (idle lock, loan period, agreement text): coordinators only, read by all.
    [APP_SETTINGS_KIND]: { validate: validateAppSettings, writers: [], scopedToDb: false, sharedEdit: true },
  },
}

/**
 * Decides whether `ctx` may write `doc` (replacing `previous`, the current winner, if any) into
 * database `dbName`. Returns `null` when allowed, or the reason for a 403 `forbidden`.
 * Pure: the server calls it on every write. Reasons name fields, never the values sent.
 * `lookup` finds other documents of the same database (the course a mark belongs to); CouchDB's
 * validate function has none, so rules that need another document are skipped there.
 */
export function checkWrite(dbName: string, doc: IncomingDoc, previous: Record<string, unknown> | null, ctx: UserCtx, lookup?: DocLookup): string | null {
  const db = describeDb(dbName)
  if (!db)
    return ctx.roles.includes('_admin') ? null : 'unknown database'
  if (doc._id.startsWith('_design/'))
    return ctx.roles.includes('_admin') || ctx.roles.includes('admin') ? null : 'only admins may change design documents'
  const coordinator = isCoordinator(ctx)

  if (doc._deleted === true) {
    // A session made and deleted offline arrives as a bare tombstone: it reveals and removes nothing.
    if (!previous || coordinator)
      return null
    if (previous && previous.createdBy === ctx.name)
      return null
    if (mayResolveFact(db.kind, previous, ctx))
      return courseAccessReason(doc, previous, ctx.name, lookup)
    return REFUSALS.deleteNotAuthor
  }

  if (db.kind === 'config') {
    if (!coordinator)
      return REFUSALS.configCoordinatorOnly
    // A broken location, category or setting would reach every tablet: known config kinds are checked.
    const configRule = typeof doc.kind === 'string' ? KIND_RULES.config?.[doc.kind] : undefined
    const desk = configRule ? configRule.validate(doc) : validateDeskConfig(doc)
    return desk && !desk.ok ? `invalid ${String(doc.kind)}: ${describeIssues(desk.issues)}` : null
  }

  const rule = typeof doc.kind === 'string' ? KIND_RULES[db.kind]?.[doc.kind] : undefined
  if (!rule)
    return REFUSALS.kindNotAllowed
  if (!coordinator && !rule.writers.some(r => ctx.roles.includes(r)))
    return REFUSALS.roleMayNotWrite
  if (!coordinator && rule.coordinatorOnly?.(doc))
    return REFUSALS.coordinatorOnly
  const result = rule.validate(doc)
  if (!result.ok)
    return `invalid ${String(doc.kind)}: ${describeIssues(result.issues)}`
  if (rule.scopedToDb && result.value.municipality !== db.municipality)
    return REFUSALS.otherMunicipality
  if (!coordinator && !rule.scopedToDb && !ctx.roles.some(r => r === `m:${result.value.municipality}`))
    return REFUSALS.otherMunicipality
  if (coordinator)
    return null
  const course = db.kind === 'municipality' ? courseAccessReason(doc, previous, ctx.name, lookup) : null
  if (course)
    return course
  if (!previous && result.value.createdBy !== ctx.name)
    return REFUSALS.notTheWriter
  // A revision of a writer-stamped kind names its writer (or keeps the name it had): never a third.
  if (previous && rule.writerStamped && result.value.createdBy !== ctx.name && result.value.createdBy !== previous.createdBy)
    return REFUSALS.notTheWriter
  if (previous && !rule.sharedEdit && previous.createdBy !== ctx.name)
    return REFUSALS.changeNotAuthor
  if (previous && previous.createdBy !== doc.createdBy && !rule.oneDocPerFact && !rule.writerStamped)
    return REFUSALS.authorFixed
  return null
}

function isCoordinatorEvent(doc: IncomingDoc): boolean {
  return COORDINATOR_EVENT_TYPES.some(type => type === doc.type)
}

/** A writer of a one-document-per-fact kind deletes a losing revision of it (conflict resolution). */
function mayResolveFact(dbKind: DbKind, previous: Record<string, unknown> | null, ctx: UserCtx): boolean {
  const rule = previous && typeof previous.kind === 'string' ? KIND_RULES[dbKind]?.[previous.kind] : undefined
  return rule?.oneDocPerFact === true && rule.writers.some(r => ctx.roles.includes(r))
}
