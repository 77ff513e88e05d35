import { useI18n } from 'vue-i18n'
import { intlTag } from '../../i18n'

/** Session times and hours through Intl in the active language (2,5 uur in Dutch, 2.5 h in English). */
export function useClassFormat() {
  const { locale, t } = useI18n()
  return {
    when: (s: { date: string, start: string, end: string }) =>
      `${new Intl.DateTimeFormat(intlTag(locale.value), { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(`${s.date}T${s.start}`))}, ${s.start}–${s.end}`,
    date: (d: Date) => new Intl.DateTimeFormat(intlTag(locale.value), { dateStyle: 'long' }).format(d),
    /** Two calendar days (`YYYY-MM-DD`) as one range, or one day when they are the same. */
    range: (from: string, to: string) => {
      const f = new Intl.DateTimeFormat(intlTag(locale.value), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
      return from === to ? f.format(new Date(`${from}T00:00Z`)) : f.formatRange(new Date(`${from}T00:00Z`), new Date(`${to}T00:00Z`))
    },
    number: (n: number) => new Intl.NumberFormat(intlTag(locale.value), { maximumFractionDigits: 2 }).format(n),
    hours: (n: number) => t('classes.hours', { hours: new Intl.NumberFormat(intlTag(locale.value), { maximumFractionDigits: 2 }).format(n) }),
  }
}
