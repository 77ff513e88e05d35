import { useI18n } from 'vue-i18n'
import { intlTag } from './locale'

/**
 * Dates, times and durations through Intl in the active language. The functions read the locale
 * when they run, so a template that calls them re-renders when the language changes.
 */
export function useFormat() {
  const { locale } = useI18n()
  return {
    dateTime: (iso: string) => new Intl.DateTimeFormat(intlTag(locale.value), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    time: (iso: string) => new Intl.DateTimeFormat(intlTag(locale.value), { hour: '2-digit', minute: '2-digit' }).format(new Date(iso)),
    /** A calendar day `YYYY-MM-DD` (no time, so no time zone can move it to another day). */
    day: (ymd: string) => new Intl.DateTimeFormat(intlTag(locale.value), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${ymd}T00:00:00Z`)),
    minutes: (n: number) => new Intl.NumberFormat(intlTag(locale.value), { style: 'unit', unit: 'minute', unitDisplay: 'short' }).format(n),
  }
}
