import type { AttendanceStatus, EnrolmentPlace, MunicipalitySlug } from '../../domain'

/** A course in a list, with what a trainer needs to pick it. */
export interface CourseRow {
  id: string
  municipality: MunicipalitySlug
  title: string
  topic: string
  level: string
  location: string
  partner?: string
  trainers: string[]
  capacity: number
  /** Participants holding a seat (walk-ins included) and waiting. */
  seated: number
  waiting: number
  nextSession?: CourseSessionRow
}

export interface CourseSessionRow {
  id: string
  courseId: string
  date: string
  start: string
  end: string
  cancelled: boolean
  /** At least one participant has a mark. */
  rollCallTaken: boolean
}

export interface ParticipantRow {
  personId: string
  name: string
  place: EnrolmentPlace
  waiting?: number
  walkIn: boolean
  /** Training hours in this course so far. */
  hours: number
}

/** Everything the course page shows. */
export interface CourseDetail {
  course: CourseRow
  sessions: CourseSessionRow[]
  participants: ParticipantRow[]
  /** `sessionId → personId → status`, for the attendance list and its CSV. */
  marks: Record<string, Record<string, AttendanceStatus>>
}

/** One participant on the roll call of a session. */
export interface RollCallEntry {
  personId: string
  name: string
  walkIn: boolean
  status?: AttendanceStatus
  note?: string
  /** The mark is written on this device and not yet on the server. */
  pending: boolean
}

export interface RollCall {
  course: CourseRow
  session: CourseSessionRow
  entries: RollCallEntry[]
}

/** A session that ended without a roll call. */
export interface MissingRollCall {
  courseId: string
  courseTitle: string
  session: CourseSessionRow
}

/** Training hours of one resident, for their page, the course and a loan. */
export interface ParticipantHours {
  personId: string
  total: number
  /** Per course: the hours, how many lessons counted, and the first and last of them (`YYYY-MM-DD`). */
  courses: Array<{ courseId: string, title: string, hours: number, attended: number, first?: string, last?: string }>
}

/** Whose courses a list shows: a trainer's own, or (coordinators) all in their municipalities. */
export interface CourseScope {
  staff: string
  all: boolean
  municipalities: MunicipalitySlug[]
}
