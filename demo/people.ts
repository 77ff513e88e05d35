import { AGE_GROUPS, ageGroupFor, buildPerson, DEVICES_OWNED, LANGUAGES, MUNICIPALITIES, TARGET_GROUPS, type MunicipalitySlug, type Person, type Validated } from '../src/domain'
import { firstName, lastName } from './names'
import type { Rng } from './random'

export function must<T>(result: Validated<T>, what: string): T {
  if (!result.ok)
    throw new Error(`demo data: invalid ${what}: ${result.issues.map(i => `${i.path} ${i.code}`).join(', ')}`)
  return result.value
}

const POSTCODES: Record<MunicipalitySlug, string[]> = {
  'arendonk': ['2370'],
  'baarle-hertog': ['2387'],
  'hoogstraten': ['2320', '2321', '2322', '2323', '2328'],
  'merksplas': ['2330'],
  'ravels': ['2380', '2381', '2382'],
  'rijkevorsel': ['2310'],
}

/** A resident registered at a desk of `municipality` by `staff` at `now`. */
export function makePerson(rng: Rng, id: string, municipality: MunicipalitySlug, staff: string, now: string): Person {
  // One in ten lives just outside the six municipalities: they are helped all the same.
  const postcode = rng.chance(0.1) ? rng.pick(['2300', '2360', '2350']) : rng.pick(POSTCODES[municipality])
  const birthYear = rng.chance(0.8) ? rng.int(1935, 2006) : undefined
  const senior = birthYear !== undefined && birthYear < 1961
  return must(buildPerson({
    firstName: firstName(rng),
    lastName: lastName(rng),
    postcode,
    ...(birthYear === undefined ? { ageGroup: rng.pick(AGE_GROUPS) } : { birthYear, ageGroup: ageGroupFor(birthYear, new Date(now)) }),
    ...(rng.chance(0.7) ? { gender: rng.pick(['v', 'm', 'x', 'zegt-niet'] as const) } : {}),
    targetGroups: senior ? ['senior', ...rng.some(TARGET_GROUPS.filter(g => g !== 'senior'), 0, 1)] : rng.some(TARGET_GROUPS, 0, 2),
    devicesOwned: rng.some(DEVICES_OWNED, 1, 2),
    language: rng.chance(0.8) ? 'nl' : rng.pick(LANGUAGES),
    consent: true,
  }, municipality, { id, staff, now }), 'person')
}

export const MUNICIPALITY_LIST: MunicipalitySlug[] = MUNICIPALITIES.map(m => m.slug)
