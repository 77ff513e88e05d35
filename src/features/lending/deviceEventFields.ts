import type { EventPayload } from '../../data'

/** The events a lender records from the device page, besides refurbishing and returning. */
export const DEVICE_ACTIONS = ['sent-to-repair', 'repaired', 'lost', 'retired'] as const
export type DeviceAction = (typeof DEVICE_ACTIONS)[number]

export type EventField = 'what' | 'by' | 'cost' | 'date' | 'reason' | 'note'

/** Which fields each action asks, in order, and which of them must be filled. */
export const ACTION_FIELDS: Record<DeviceAction, ReadonlyArray<{ name: EventField, required: boolean }>> = {
  'sent-to-repair': [{ name: 'what', required: true }, { name: 'by', required: true }, { name: 'note', required: false }],
  'repaired': [{ name: 'what', required: true }, { name: 'by', required: true }, { name: 'cost', required: true }, { name: 'date', required: true }, { name: 'note', required: false }],
  'lost': [{ name: 'note', required: false }],
  'retired': [{ name: 'reason', required: true }, { name: 'note', required: false }],
}

/** Where the domain reports an issue with each field (`repair.costCents` for the cost in euro). */
export const FIELD_PATH: Record<EventField, string> = { what: 'repair.what', by: 'repair.by', cost: 'repair.costCents', date: 'repair.date', reason: 'reason', note: 'note' }

/**
 * The event's type-specific part from what was typed. The cost is typed in euro (a comma or a
 * point) and stored in cents, so sums never drift; an empty or unreadable cost becomes NaN,
 * which the domain refuses with a message next to the field.
 */
export function eventPayload(type: DeviceAction, values: Record<EventField, string>, loanId?: string): EventPayload {
  const note = values.note.trim() ? { note: values.note } : {}
  switch (type) {
    case 'sent-to-repair':
      return { type, repair: { what: values.what, by: values.by }, ...note }
    case 'repaired': {
      const euro = values.cost.trim() === '' ? Number.NaN : Number(values.cost.replace(',', '.'))
      return { type, repair: { what: values.what, by: values.by, costCents: Math.round(euro * 100), date: values.date }, ...note }
    }
    case 'lost':
      return { type, ...(loanId ? { loanId } : {}), ...note }
    case 'retired':
      return { type, reason: values.reason, ...note }
  }
}
