import { attendanceId, buildAttendance, type Attendance, type AttendanceStatus, type StaffProfile, type Validated } from '../../domain'
import { current, writeDocs, type ClassesDeps } from './write'

/**
 * Roll-call marks. Each mark is written on top of the revision this tablet holds (`_rev`), so one
 * tablet never makes a second mark for a person; two tablets offline make sibling revisions of the
 * one document, which `ConflictResolver` settles with the domain's rule.
 */
export class AttendanceWriter {
  constructor(private readonly deps: ClassesDeps) {}

  async mark(sessionId: string, personId: string, change: { status?: AttendanceStatus, note?: string }, staff: StaffProfile): Promise<Validated<Attendance>> {
    const session = await this.deps.rm.courseSessions.get(sessionId)
    if (!session)
      return { ok: false, issues: [{ path: 'sessionId', code: 'notFound' }] }
    const id = attendanceId(sessionId, personId)
    // A pull can land a newer revision between the read and the put: read again and retry once.
    for (let attempt = 0; ; attempt++) {
      const previous = await current<Attendance>(this.deps, session.db, id)
      const status = change.status ?? previous?.status ?? 'aanwezig'
      const built = buildAttendance(
        { courseId: session.courseId, sessionId, personId, status, ...(change.note === undefined ? {} : { note: change.note }) },
        previous,
        { staff: staff.name, now: new Date().toISOString(), municipality: session.municipality },
      )
      if (!built.ok)
        return built
      try {
        await writeDocs(this.deps, session.db, [built.value])
        return built
      }
      catch (err) {
        if (attempt > 0)
          throw err
      }
    }
  }

  /** "Iedereen aanwezig": everyone without a mark yet is present; marks already given stay. */
  async markAllPresent(sessionId: string, personIds: readonly string[], staff: StaffProfile): Promise<number> {
    const marked = new Set((await this.deps.rm.attendance.where('sessionId').equals(sessionId).toArray()).map(r => r.personId))
    const todo = personIds.filter(p => !marked.has(p))
    for (const personId of todo)
      await this.mark(sessionId, personId, { status: 'aanwezig' }, staff)
    return todo.length
  }
}
