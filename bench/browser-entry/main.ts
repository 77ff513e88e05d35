import Dexie, { type Table } from 'dexie'
import { MUNICIPALITIES, type HelpSession, type MunicipalitySlug, type StaffProfile } from '../../src/domain'
import { createDataLayer } from '../../src/data'
import { ReadModel } from '../../src/data/read-model'
import { listSessions } from '../../src/data/review/session-list'
import { localDayStart, querySessions } from '../../src/data/session-query'
import { sessionProjection } from '../../src/data/projections/sessions'
import type { SessionRecord } from '../../src/data/read-model'
import { deskYear } from '../../demo/desk'
import { FULL_YEAR } from '../../demo/generate'
import { Rng } from '../../demo/random'
import { appDashboard, bareDashboard } from './dashboard'
import { makeSessionInput } from '../../tests/factories/session-input'
import { phases } from './phases'

/** Milliseconds per run, for each side of a comparison. */
export interface Pair { ours: number[], reference: number[] }

const STAFF: StaffProfile = { name: 'vera', roles: ['volunteer'], municipalities: ['arendonk'] }

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now()
  await fn()
  return performance.now() - t0
}

/**
 * Saves `runs` help sessions through the app's data layer (validate → PouchDB → outbox entry and
 * read-model row) and puts the very same document into a bare Dexie table, interleaved, so both see
 * the same moment of the machine. Without `settleMs` saves and puts follow each other back to back
 * (a burst: what one save leaves behind, the projector's feed read and the sync status reading the
 * outbox, runs during the next put, ours or the raw one). With it the bench waits that long before
 * each save and before each raw put, so both start from a quiet tablet, as a volunteer's save at
 * the desk does.
 */
async function save(runs: number, settleMs = 0, warmup = 10): Promise<Pair> {
  const tag = `${Date.now()}`
  const layer = createDataLayer({ serverUrl: location.origin, localPrefix: `bench-${tag}-` })
  const raw = new Dexie(`bench-raw-${tag}`) as Dexie & { docs: Table<HelpSession, string> }
  raw.version(1).stores({ docs: '_id' })
  const out: Pair = { ours: [], reference: [] }
  const pause = () => settleMs > 0 ? new Promise(resolve => setTimeout(resolve, settleMs)) : undefined
  for (let i = 0; i < runs + warmup; i++) {
    let doc: HelpSession | undefined
    await pause()
    const input = makeSessionInput()
    const ours = await time(async () => {
      const result = await layer.sessions.create(input, STAFF)
      if (!result.ok)
        throw new Error(`save refused: ${JSON.stringify(result.issues)}`)
      doc = result.value
    })
    await pause()
    const reference = await time(() => raw.docs.put({ ...doc! }))
    if (i >= warmup) {
      out.ours.push(ours)
      out.reference.push(reference)
    }
  }
  await layer.close()
  raw.close()
  return out
}

let scale: ReadModel | null = null
let middleDay = ''
/** The first and last day of the generated sessions: the dashboard's period. */
let span = { from: '', to: '' }
/** The demo's seed (`npm run demo`'s default is another): the same sessions in every run. */
const SEED = 20_261_130
/** The last day of the last generated year. */
const LAST_DAY = '2026-11-29'

/**
 * `count` help sessions of the coordinator issue's demo Digibank (`demo/desk.ts`), as the
 * projector stores them: whole demo years of 20,000 (the last one smaller when `count` is not a
 * multiple), each over the opening days of its year, 9 to 16 h, in every room of the six
 * municipalities, most for a named resident (3,000 a year, returning visitors more often), about
 * one in seven anonymous; the years end on `LAST_DAY` and go back one after the other.
 */
function demoSessionRows(count: number): SessionRecord[] {
  const rng = new Rng(SEED)
  const years = Math.ceil(count / FULL_YEAR.sessions)
  const rows: SessionRecord[] = []
  for (let y = years - 1; y >= 0; y--) {
    const sessions = Math.min(FULL_YEAR.sessions, count - rows.length)
    const to = new Date(Date.parse(`${LAST_DAY}T00:00:00Z`) - y * 365 * 86_400_000).toISOString().slice(0, 10)
    const from = new Date(Date.parse(`${to}T00:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10)
    const residents = Math.max(1, Math.round(FULL_YEAR.residents * sessions / FULL_YEAR.sessions))
    for (const session of deskYear(rng, { from, to, sessions, residents }).sessions) {
      const row = sessionProjection.toRow(`dgb-m-${session.municipality}`, { ...session, _rev: '1-demo' })
      if (!row)
        throw new Error(`a demo session was not projected: ${session._id}`)
      rows.push(row)
    }
  }
  return rows
}

/** Fills a separate read model with `count` projected help sessions of the demo Digibank (`demoSessionRows`). */
async function fill(count: number): Promise<number> {
  scale?.close()
  scale = new ReadModel(`bench-scale-${Date.now()}`)
  const t0 = performance.now()
  const rows = demoSessionRows(count)
  // The month query looks at the calendar month in the middle of the generated sessions.
  middleDay = rows[Math.floor(rows.length / 2)]!.at.slice(0, 7)
  span = { from: rows[0]!.at.slice(0, 10), to: rows.at(-1)!.at.slice(0, 10) }
  for (let i = 0; i < rows.length; i += 5000)
    await scale.sessions.bulkPut(rows.slice(i, i + 5000))
  return performance.now() - t0
}

/** The ids of a list, in order, whatever shape its rows have. */
const ids = (rows: ReadonlyArray<{ id: string }>) => rows.map(r => r.id)

interface Case {
  ours: () => Promise<unknown>
  reference: () => Promise<unknown>
  /** Checks both sides found the same thing, and gives the number of rows it covers. */
  same: () => Promise<number>
  /** At most this many runs (a fold over every row takes seconds). */
  maxRuns?: number
}

function sameList(ours: () => Promise<Array<{ id: string }>>, reference: () => Promise<Array<{ id: string }>>): Case {
  return {
    ours,
    reference,
    async same() {
      const [a, b] = [ids(await ours()), ids(await reference())]
      if (JSON.stringify(a) !== JSON.stringify(b))
        throw new Error(`the app's query found ${a.length} rows, the bare scan ${b.length}, or in another order`)
      return a.length
    },
  }
}

/**
 * The coordinator's lists (every municipality, newest 200: the sessions list, and the review
 * page's with its total count), one municipality's four weeks without a limit, and the dashboard
 * over the whole span, through the
 * app's code, each against a bare index scan that finds the same rows or the same figures.
 */
async function query(runs: number): Promise<Record<string, Pair & { rows: number }>> {
  const rm = scale!
  const all = MUNICIPALITIES.map(m => m.slug) as MunicipalitySlug[]
  const [from, to] = [`${middleDay}-01`, `${middleDay}-28`]
  const [lo, hi] = [localDayStart(from), localDayStart(to, 1)]
  const cases: Record<string, Case> = {
    'coordinator list, newest 200 of all': sameList(
      () => querySessions(rm, { municipalities: all, limit: 200 }),
      () => rm.sessions.where('at').between('', '\uffff').reverse().limit(200).toArray(),
    ),
    'review list, newest 200 of all and the count': sameList(
      async () => (await listSessions(rm, { municipalities: all, limit: 200 })).rows,
      async () => (await Promise.all([rm.sessions.count(), rm.sessions.where('at').between('', '\uffff').reverse().limit(200).toArray()]))[1],
    ),
    'one municipality, four weeks': sameList(
      () => querySessions(rm, { municipalities: ['hoogstraten'], from, to }),
      async () => (await rm.sessions.where('[municipality+at]').between(['hoogstraten', lo], ['hoogstraten', hi], true, false).toArray()).reverse(),
    ),
    'dashboard, every municipality, all sessions': {
      ours: () => appDashboard(rm, all, span),
      reference: () => bareDashboard(rm, span),
      async same() {
        const [a, b] = [await appDashboard(rm, all, span), await bareDashboard(rm, span)]
        if (JSON.stringify(a) !== JSON.stringify(b))
          throw new Error(`the dashboard's figures differ from the bare scan's: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`)
        return a.total
      },
      maxRuns: 5,
    },
  }
  const out: Record<string, Pair & { rows: number }> = {}
  for (const [name, c] of Object.entries(cases)) {
    const pair: Pair & { rows: number } = { ours: [], reference: [], rows: await c.same() }
    for (let i = 0; i < Math.min(runs, c.maxRuns ?? runs); i++) {
      pair.ours.push(await time(c.ours))
      pair.reference.push(await time(c.reference))
    }
    out[name] = pair
  }
  return out
}

declare global {
  interface Window { digibalieBench: { save: typeof save, fill: typeof fill, query: typeof query, phases: typeof phases } }
}
window.digibalieBench = { save, fill, query, phases }
document.title = 'ready'
