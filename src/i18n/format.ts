import { useI18n } from 'vue-i18n'
import { intlTag } from './locale'

/**
 * Dates, times and durations through Intl in the active language. The functions read the locale
 * when they run, so a template that calls them re-renders when the language changes.
 */
/** One number formatter per language: a dashboard or report shows dozens of counts at a time. */
const counts = new Map<string, Intl.NumberFormat>()

/** A whole count as the language writes it (`1.234` in Dutch, `1 234` in French). */
export function formatCount(n: number, tag: string): string {
  let format = counts.get(tag)
  if (!format)
    counts.set(tag, format = new Intl.NumberFormat(tag))
  return format.format(n)
}

export function useFormat() {
  const { locale } = useI18n()
  return {
    count: (n: number) => formatCount(n, intlTag(locale.value)),
    dateTime: (iso: string) => new Intl.DateTimeFormat(intlTag(locale.value), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    time: (iso: string) => new Intl.DateTimeFormat(intlTag(locale.value), { hour: '2-digit', minute: '2-digit' }).format(new Date(iso)),
    /** A calendar day `YYYY-MM-DD` (no time, so no time zone can move it to another day). */
    day: (ymd: string) => new Intl.DateTimeFormat(intlTag(locale.value), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${ymd}T00:00:00Z`)),
    minutes: (n: number) => new Intl.NumberFormat(intlTag(locale.value), { style: 'unit', unit: 'minute', unitDisplay: 'short' }).format(n),
  }
}
