/**
 * The label of a record field on the conflict screen: the same words as the form that fills it in,
 * so a coordinator recognises "Hoe geholpen" rather than `helpMode`. A field no form shows (stamps,
 * links between records) has its own label under `coordinator.conflict.fields`.
 */
const FORM_LABELS: Readonly<Record<string, string>> = {
  // help sessions
  location: 'sessions.location', startedAt: 'desk.form.start', categories: 'desk.form.categories', helpMode: 'desk.form.helpMode',
  outcome: 'desk.form.outcome', referral: 'desk.form.referral', followUp: 'desk.form.followUpDate', durationMinutes: 'sessions.duration', note: 'sessions.note',
  anonymous: 'coordinator.col.anonymous', municipality: 'coordinator.col.municipality',
  // residents
  firstName: 'desk.person.firstName', lastName: 'desk.person.lastName', postcode: 'desk.person.postcode', birthYear: 'desk.person.birthYear',
  gender: 'desk.person.gender', targetGroups: 'desk.person.targetGroups', devicesOwned: 'desk.person.devicesOwned', language: 'desk.person.language',
  phone: 'desk.person.phone', email: 'desk.person.email', address: 'desk.person.address', consent: 'privacy.field.consent', ageGroup: 'privacy.field.ageGroup',
  // devices, loans, refurbishment
  assetTag: 'lending.field.assetTag', type: 'lending.field.type', brand: 'lending.field.brand', model: 'lending.field.model', serial: 'lending.field.serial',
  specs: 'lending.field.specs', accessories: 'lending.field.accessories', notes: 'lending.field.notes', condition: 'lending.give.condition',
  conditionNote: 'lending.give.conditionNote', eligibility: 'lending.give.eligibility', referrer: 'lending.give.referrer', basis: 'lending.give.basis',
  reason: 'lending.give.reason', checkedOn: 'lending.give.checkedOn', wipeMethod: 'lending.refurb.wipeMethod', checklist: 'lending.refurb.checklist',
  technician: 'lending.refurb.technician', tool: 'lending.refurb.tool', startDate: 'coordinator.col.startDate', endDate: 'coordinator.col.endDate',
  // classes
  title: 'classes.field.title', topic: 'classes.field.topic', level: 'classes.field.level', partner: 'classes.field.partner', trainers: 'classes.field.trainers',
  capacity: 'classes.field.capacity', date: 'classes.field.date', start: 'classes.field.start', end: 'classes.field.end', walkIn: 'classes.walkIn',
  status: 'coordinator.col.status', staff: 'coordinator.col.staff',
}

/** Where one kind's form words a field differently from the rest. */
const KIND_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'course-session': { location: 'classes.field.location' },
  'course': { location: 'classes.field.location' },
  'home-visit': { topic: 'lending.visit.topic', outcome: 'lending.visit.outcome', note: 'lending.visit.note', staff: 'lending.visit.staff', date: 'lending.visit.date' },
  'loan': { note: 'lending.loan.note' },
  'location': { name: 'desk.config.name' },
}

/** Fields without a form of their own, labelled in `coordinator.conflict.fields`. */
export const OWN_FIELDS = [
  'createdAt', 'createdBy', 'kind', 'schemaVersion', 'personId', 'followUpDone', 'markedAt', 'markedBy', 'courseId', 'sessionId', 'loanId',
  'refurbishmentId', 'participantName', 'enrolledAt', 'withdrawnAt', 'costCents', 'batteryHealthPercent', 'checkedBy', 'newEndDate', 'order',
  'source', 'at', 'active', 'name', 'signedAt', 'cancelled', 'agreement', 'loanPeriod', 'idleMinutes', 'certificateRef', 'firstDate', 'place', 'by', 'refurbishment',
] as const

/** The message key of a field's label for a record `kind`, or null when none is known. */
export function fieldLabelKey(kind: string, field: string): string | null {
  const own = (OWN_FIELDS as readonly string[]).includes(field) ? `coordinator.conflict.fields.${field}` : null
  return KIND_LABELS[kind]?.[field] ?? FORM_LABELS[field] ?? own
}

/** Where a field's stored choices have words in the messages (`<prefix>.<value>`), as the forms show them. */
const VALUE_WORDS: Readonly<Record<string, string>> = {
  helpMode: 'desk.helpMode', referral: 'desk.referral', outcome: 'outcome', categories: 'category', gender: 'desk.person.genders',
  targetGroups: 'desk.person.groups', devicesOwned: 'desk.person.devices', language: 'desk.person.languages',
}

/** The message key for one stored choice of a field, or null when the field holds free values. */
export function valueWordKey(kind: string, field: string, value: string): string | null {
  return kind === 'home-visit' && field === 'outcome' ? null : VALUE_WORDS[field] ? `${VALUE_WORDS[field]}.${value}` : null
}
