import { buildHelpSession, DEFAULT_LOCATIONS, HELP_MODES, OUTCOMES, QUESTION_CATEGORIES, REFERRALS, type HelpSession, type Person } from '../src/domain'
import { at, openingDays } from './calendar'
import { makePerson, must } from './people'
import { seededUlid, type Rng } from './random'
import { volunteer } from './staff'

const NOTES = ['Samen de app geïnstalleerd.', 'Uitleg gegeven over wachtwoorden.', 'Formulier samen ingevuld.', 'Volgende week terug voor de rest.', 'Afgedrukt en meegegeven.']

export interface DeskYear {
  people: Person[]
  sessions: HelpSession[]
}

/**
 * Help sessions over the year, in time order. Most name a resident: a new one while the registry
 * is still filling up, otherwise a returning one (recent visitors come back more often); about one
 * in seven is an anonymous walk-in.
 */
export function deskYear(rng: Rng, opts: { from: string, to: string, sessions: number, residents: number }): DeskYear {
  const days = openingDays(opts.from, opts.to)
  const people: Person[] = []
  const sessions: HelpSession[] = []
  const times = Array.from({ length: opts.sessions }, () => ({ day: rng.pick(days), minute: rng.int(9 * 60, 16 * 60) }))
    .sort((a, b) => a.day.localeCompare(b.day) || a.minute - b.minute)
  let namedLeft = Math.round(opts.sessions * 0.86)
  times.forEach(({ day, minute }, i) => {
    const location = rng.pick(DEFAULT_LOCATIONS)
    const staff = volunteer(location.municipality, rng.int(1, 3))
    const now = at(day, minute)
    const ms = Date.parse(now)
    let personId: string | null = null
    if (namedLeft > 0 && rng.next() < namedLeft / (opts.sessions - i)) {
      namedLeft -= 1
      const newOne = people.length < opts.residents && rng.next() < (opts.residents - people.length) / Math.max(1, namedLeft + 1) * 1.2
      if (newOne || people.length === 0) {
        const person = makePerson(rng, `person:${seededUlid(ms, rng)}`, location.municipality, staff, now)
        people.push(person)
        personId = person._id
      }
      else {
        // Recent residents return more often: square the draw towards the end of the list.
        personId = people[people.length - 1 - Math.floor(rng.next() ** 2 * people.length)]!._id
      }
    }
    const outcome = rng.pick([...OUTCOMES, 'opgelost', 'opgelost', 'deels'] as const)
    sessions.push(must(buildHelpSession({
      location: location.id,
      personId,
      categories: rng.some(QUESTION_CATEGORIES, 1, rng.chance(0.2) ? 2 : 1),
      helpMode: rng.pick(HELP_MODES),
      outcome,
      ...(outcome === 'doorverwezen' ? { referral: rng.pick(REFERRALS) } : {}),
      ...(rng.chance(0.05) ? { followUp: day } : {}),
      durationMinutes: rng.int(5, 75),
      ...(rng.chance(0.25) ? { note: rng.pick(NOTES) } : {}),
      startedAt: now,
    }, { id: `session:${seededUlid(ms, rng)}`, staff, now }), 'help session'))
  })
  return { people, sessions }
}
