import { DB, type MunicipalitySlug } from '../src/domain'
import { classesYear } from './classes'
import { deskYear } from './desk'
import { lendingYear } from './lending'
import { Rng } from './random'
import { demoStaff, type DemoAccount } from './staff'

export interface DemoOptions {
  seed: number
  /** Last day of the demo year (`YYYY-MM-DD`); the year runs 364 days before it. */
  to: string
  residents: number
  sessions: number
  devices: number
  courses: number
}

export const FULL_YEAR: Omit<DemoOptions, 'seed' | 'to'> = { residents: 3000, sessions: 20000, devices: 200, courses: 40 }

export interface DemoData {
  accounts: DemoAccount[]
  /** Documents per database, ready for `_bulk_docs`. */
  databases: Map<string, object[]>
}

/** A realistic, generated Digibank year, the same for the same options. No real names. */
export function generateDemo(opts: DemoOptions): DemoData {
  const rng = new Rng(opts.seed)
  const from = new Date(Date.parse(`${opts.to}T00:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10)
  const desk = deskYear(rng, { from, to: opts.to, sessions: opts.sessions, residents: opts.residents })
  const lending = lendingYear(rng, { from, to: opts.to, devices: opts.devices, people: desk.people })
  const classes = classesYear(rng, { from, to: opts.to, courses: opts.courses, people: desk.people })
  const databases = new Map<string, object[]>([[DB.residents, desk.people], [DB.lending, lending]])
  for (const doc of [...desk.sessions, ...classes] as Array<{ municipality: MunicipalitySlug }>) {
    const db = DB.municipality(doc.municipality)
    const list = databases.get(db) ?? []
    list.push(doc)
    databases.set(db, list)
  }
  return { accounts: demoStaff(), databases }
}
