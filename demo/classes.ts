import { buildAttendance, buildCourse, buildEnrolment, buildSessionSeries, COURSE_LEVELS, COURSE_TOPICS, DEFAULT_LOCATIONS, MUNICIPALITY_SLUGS, type AttendanceStatus, type Person } from '../src/domain'
import { addDays, at, dayMs } from './calendar'
import { must } from './people'
import { seededUlid, type Rng } from './random'
import { trainer } from './staff'

type Doc = { _id: string, municipality?: string }

const TITLES: Record<string, string> = {
  smartphone: 'Aan de slag met je smartphone',
  tablet: 'Werken met een tablet',
  computer: 'Computer voor beginners',
  internet: 'Veilig op het internet',
  email: 'E-mail versturen en ontvangen',
  itsme: 'itsme en Mijn Burgerprofiel',
  overheid: 'Online zaken met de overheid',
  bankieren: 'Online bankieren',
  veiligheid: 'Phishing herkennen',
  andere: 'Digitale vragenronde',
}

function status(rng: Rng): AttendanceStatus {
  const r = rng.next()
  return r < 0.75 ? 'aanwezig' : r < 0.83 ? 'te-laat' : r < 0.92 ? 'verontschuldigd' : 'afwezig'
}

/**
 * About 40 courses across the six municipalities, each a weekly series with enrolled residents and
 * roll calls for the sessions that have taken place; now and then a roll call was forgotten, which
 * the coordinator's inbox should show.
 */
export function classesYear(rng: Rng, opts: { from: string, to: string, courses: number, people: readonly Person[] }): Doc[] {
  const docs: Doc[] = []
  for (let n = 0; n < opts.courses; n++) {
    const municipality = MUNICIPALITY_SLUGS[n % MUNICIPALITY_SLUGS.length]!
    const staff = trainer(municipality)
    const created = addDays(opts.from, rng.int(0, 300))
    const ms = dayMs(created) + 9 * 3_600_000
    const topic = rng.pick(COURSE_TOPICS)
    const room = DEFAULT_LOCATIONS.find(l => l.municipality === municipality)!
    const course = must(buildCourse({ title: TITLES[topic]!, topic, level: rng.pick(COURSE_LEVELS), municipality, location: room.name, ...(rng.chance(0.5) ? { partner: 'Bibliotheek' } : {}), trainers: [staff], capacity: rng.int(8, 14) }, { id: `course:${seededUlid(ms, rng)}`, staff, now: at(created, 540) }), 'course')
    docs.push(course)
    const start = rng.pick(['09:30', '13:30', '19:00'])
    const end = start === '19:00' ? '21:00' : start === '09:30' ? '11:30' : '15:30'
    const sessions = must(buildSessionSeries(course, { firstDate: addDays(created, rng.int(7, 20)), count: rng.int(5, 8), start, end }, { staff, now: at(created, 545), newId: () => `course-session:${seededUlid(ms, rng)}` }), 'course sessions')
    docs.push(...sessions)
    const local = opts.people.filter(p => p.municipality === municipality)
    const learners = rng.some(local.length >= 6 ? local : opts.people, 6, Math.min(course.capacity, 12))
    for (const person of learners)
      docs.push(must(buildEnrolment({ courseId: course._id, personId: person._id, participantName: `${person.firstName} ${person.lastName}` }, null, { staff, now: at(created, 600), municipality }), 'enrolment'))
    for (const session of sessions) {
      if (dayMs(session.date) > dayMs(opts.to) || rng.chance(0.05))
        continue
      const markedAt = `${session.date}T${session.end}:00.000Z`
      for (const person of learners)
        docs.push(must(buildAttendance({ courseId: course._id, sessionId: session._id, personId: person._id, status: status(rng) }, null, { staff, now: markedAt, municipality }), 'attendance'))
    }
  }
  return docs
}
