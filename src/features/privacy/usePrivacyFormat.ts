import { useI18n } from 'vue-i18n'
import type { SubjectRecord } from '../../stores/privacy'
import { useCategoryName } from '../sessions/useCategoryName'

const KNOWN_KINDS = ['help-session', 'attendance', 'enrolment', 'loan', 'home-visit'] as const

/** Dates, kinds and one line per record in the user's language, for the readable page. */
export function usePrivacyFormat() {
  const { t, te, locale } = useI18n()
  const categoryName = useCategoryName()

  function date(iso: unknown): string {
    if (typeof iso !== 'string' || Number.isNaN(Date.parse(iso)))
      return ''
    // A bare day (YYYY-MM-DD) is a calendar date, not midnight UTC shifted into the local zone.
    const opts: Intl.DateTimeFormatOptions = iso.length === 10 ? { dateStyle: 'long', timeZone: 'UTC' } : { dateStyle: 'long', timeStyle: 'short' }
    return new Intl.DateTimeFormat(locale.value, opts).format(new Date(iso))
  }

  function kindKey(kind: string): string {
    return (KNOWN_KINDS as readonly string[]).includes(kind) ? kind : 'other'
  }

  /** The date a record is about: the session's start, the loan's start, otherwise when it was made. */
  function recordDate(r: SubjectRecord): string {
    const d = r.doc
    return date(d.startedAt ?? d.startDate ?? d.markedAt ?? d.visitedAt ?? d.createdAt)
  }

  /** What the record says, without ids: categories, status or topic, where they exist. */
  function recordDetails(r: SubjectRecord): string {
    const d = r.doc
    const parts: string[] = []
    if (Array.isArray(d.categories))
      parts.push(d.categories.map(c => categoryName(String(c))).join(', '))
    for (const key of ['status', 'topic', 'outcome'] as const) {
      const value = d[key]
      if (typeof value === 'string')
        parts.push(te(`${key}.${value}`) ? t(`${key}.${value}`) : value)
    }
    if (typeof d.municipality === 'string')
      parts.push(d.municipality)
    return parts.join(' · ')
  }

  return { t, te, date, kindKey, recordDate, recordDetails }
}
