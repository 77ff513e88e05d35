import { addMonths, buildDevice, buildDeviceEvent, buildHomeVisit, buildLoan, completeChecklist, DEVICE_CONDITIONS, HOME_VISIT_OUTCOMES, HOME_VISIT_TOPICS, MUNICIPALITY_SLUGS, type DeviceEventType, type Person } from '../src/domain'
import { addDays, at, dayMs } from './calendar'
import { must } from './people'
import { seededUlid, type Rng } from './random'
import { lender } from './staff'

/** A 1×1 transparent PNG: the demo's stand-in for a drawn signature. */
const SIGNATURE = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='
const AGREEMENT = 'De ontlener krijgt het toestel in bruikleen van de Digibank, zorgt er goed voor en brengt het terug op de einddatum met alle toebehoren.'
const MODELS = [['Lenovo', 'ThinkPad T480'], ['Dell', 'Latitude 7490'], ['HP', 'EliteBook 840 G5'], ['Lenovo', 'ThinkPad X270'], ['Samsung', 'Galaxy Tab A8']] as const

type Doc = { _id: string }

/**
 * About 200 devices with their histories: intake, refurbishment, loans to residents, returns,
 * repairs, a few lost or retired; home-support visits on some loans. Every history follows the
 * lifecycle rules (`device-lifecycle.ts`), and events stay before the end of the demo year.
 */
export function lendingYear(rng: Rng, opts: { from: string, to: string, devices: number, people: readonly Person[] }): Doc[] {
  const docs: Doc[] = []
  for (let n = 1; n <= opts.devices; n++) {
    const tag = `DB-${String(n).padStart(4, '0')}`
    const municipality = rng.pick(MUNICIPALITY_SLUGS)
    const staff = lender(municipality)
    const [brand, model] = rng.pick(MODELS)
    let day = addDays(opts.from, rng.int(-60, 120))
    const stamp = (d: string) => ({ ulid: seededUlid(dayMs(d) + rng.int(8, 16) * 3_600_000, rng), staff, now: at(d, rng.int(9 * 60, 16 * 60)), municipality })
    const event = (type: DeviceEventType, extra: Record<string, unknown> = {}) => {
      const e = must(buildDeviceEvent(tag, { type, ...extra }, stamp(day)), `device event ${type}`)
      docs.push(e)
      return e
    }
    docs.push(must(buildDevice({
      assetTag: tag,
      type: brand === 'Samsung' ? 'tablet' : 'laptop',
      brand,
      model,
      serial: `SN${seededUlid(n, rng).slice(-10)}`,
      source: rng.chance(0.8) ? { kind: 'schenking', from: rng.pick(['Bedrijf uit de regio', 'Gemeentebestuur', 'Ziekenhuis']) } : { kind: 'aankoop' },
      accessories: ['lader', ...rng.some(['tas', 'muis'] as const, 0, 2)],
      municipality,
    }, { staff, now: at(day, 600) }), 'device'))
    event('intake')
    const ends = dayMs(opts.to)
    for (let round = 0; round < 3; round++) {
      day = addDays(day, rng.int(2, 10))
      if (dayMs(day) > ends)
        break
      const refurbished = event('refurbished', { refurbishment: { wipeMethod: rng.pick(['clear', 'purge']), standard: 'nist-800-88', tool: 'Wisprogramma', certificateRef: `CERT-${tag}-${round + 1}`, checklist: completeChecklist(), batteryHealthPercent: rng.int(60, 100), technician: staff, date: day } })
      day = addDays(day, rng.int(1, 20))
      if (dayMs(day) > ends || rng.chance(0.08))
        break
      const person = rng.pick(opts.people)
      const loanId = `loan:${seededUlid(dayMs(day), rng)}`
      const months = rng.pick([6, 12, 12, 12])
      docs.push(must(buildLoan({
        assetTag: tag,
        personId: person._id,
        refurbishmentId: refurbished._id,
        eligibility: rng.chance(0.3) ? { basis: 'ocmw-doorverwijzing', referrer: 'OCMW', checkedBy: staff, checkedOn: day } : { basis: rng.pick(['verhoogde-tegemoetkoming', 'inkomen-onder-grens']), checkedBy: staff, checkedOn: day },
        accessories: ['lader'],
        condition: rng.pick(DEVICE_CONDITIONS.slice(0, 3)),
        startDate: day,
        endDate: addMonths(day, months),
        agreement: { version: 'standaard-nl-1', text: AGREEMENT },
        signaturePng: SIGNATURE,
        municipality,
      }, { id: loanId, staff, now: at(day, 660) }), 'loan'))
      event('handed-out', { loanId, refurbishmentId: refurbished._id })
      for (let v = rng.int(0, 2); v > 0; v--) {
        const visitDay = addDays(day, rng.int(3, 60))
        if (dayMs(visitDay) <= ends)
          docs.push(must(buildHomeVisit({ loanId, personId: person._id, date: visitDay, staff, topic: rng.pick(HOME_VISIT_TOPICS), durationMinutes: rng.int(30, 120), outcome: rng.pick(HOME_VISIT_OUTCOMES), municipality }, { id: `visit:${seededUlid(dayMs(visitDay), rng)}`, staff, now: at(visitDay, 900) }), 'home visit'))
      }
      // Some loans run past the end of the year (some of those overdue), the rest come back.
      const back = addDays(day, rng.int(60, months * 31 + 40))
      if (dayMs(back) > ends)
        break
      day = back
      if (rng.chance(0.02)) {
        event('lost', { loanId })
        break
      }
      event('returned', { loanId, condition: rng.pick(DEVICE_CONDITIONS), missingAccessories: rng.chance(0.1) ? ['lader'] : [] })
      if (rng.chance(0.1)) {
        day = addDays(day, 1)
        event('sent-to-repair', { repair: { what: 'Toetsenbord vervangen', by: 'Hersteldienst' } })
        day = addDays(day, rng.int(3, 14))
        event('repaired', { repair: { what: 'Toetsenbord vervangen', by: 'Hersteldienst', costCents: rng.int(2000, 9000), date: day } })
      }
      if (rng.chance(0.03)) {
        day = addDays(day, 1)
        event('retired', { reason: 'Te oud om nog uit te lenen' })
        break
      }
    }
  }
  return docs
}
