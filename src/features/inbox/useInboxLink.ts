import type { InboxItem } from '../../domain'

/** Where each inbox item is fixed: the conflict or merge screen here, or the feature that owns the record. */
export function inboxLink(item: InboxItem): string | null {
  switch (item.type) {
    case 'conflict': return `/aandacht/conflict/${encodeURIComponent(item.db)}/${encodeURIComponent(item.id)}`
    case 'double-booking': return `/uitlenen/toestel/${encodeURIComponent(item.assetTag)}`
    case 'overdue-loan': return `/uitlenen/lening/${encodeURIComponent(item.loanId)}`
    case 'missing-roll-call': return `/lessen/${encodeURIComponent(item.courseId)}/les/${encodeURIComponent(item.sessionId)}`
    case 'duplicate': return `/aandacht/samenvoegen/${encodeURIComponent(item.ids[0])}/${encodeURIComponent(item.ids[1])}`
    case 'personal-data': return item.id.startsWith('session:') ? `/hulpvraag/${encodeURIComponent(item.id)}` : null
  }
}
