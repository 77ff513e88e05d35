import { acceptHMRUpdate, defineStore } from 'pinia'
import type { InboxItem } from '../domain'
import type { ConflictDetail, Resolution, ReviewFilter, ReviewKind, ReviewPage } from '../data'
import { useAuthStore } from './auth'
import { useDataLayer } from './data'

export type { ConflictDetail, ReviewCell, ReviewFilter, ReviewKind, ReviewPage, ReviewRow } from '../data'

/**
 * The coordinator's review: lists of every record kind, the inbox, conflicts and resident merge.
 * Thin: scope from the signed-in coordinator, everything else in the data layer. Pages follow
 * their own list (the returned stop function), so two pages never fight over one list.
 */
export const useReviewStore = defineStore('review', () => {
  const auth = useAuthStore()
  const review = () => useDataLayer().review
  const scope = () => auth.profile?.municipalities ?? []

  return {
    watchList: (kind: ReviewKind, filter: Omit<ReviewFilter, 'municipalities'>, cb: (page: ReviewPage) => void) => review().watchList(kind, { ...filter, municipalities: scope() }, cb),
    /** Every row of a filtered list, for an export. */
    exportList: (kind: ReviewKind, filter: Omit<ReviewFilter, 'municipalities' | 'limit'>) => review().list(kind, { ...filter, municipalities: scope() }),
    watchInbox: (cb: (items: InboxItem[]) => void) => review().watchInbox(scope(), cb),
    conflict: (db: string, id: string): Promise<ConflictDetail | null> => review().conflict(db, id),
    resolve: (db: string, id: string, resolution: Resolution) => review().resolve(db, id, resolution),
    mergeResidents: (keepId: string, duplicateId: string) => review().mergeResidents(keepId, duplicateId),
    person: (id: string) => useDataLayer().people.get(id),
  }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useReviewStore, import.meta.hot))
