import { useI18n } from 'vue-i18n'
import { intlTag } from './locale'

/*
 * Numbers, dates, times and durations through Intl in the active language. The functions read the
 * locale when they run, so a template that calls them re-renders when the language changes. Each
 * formatter is made once per language and options and kept: a dashboard, a report or a list shows
 * dozens of figures at a time, and making a formatter costs far more than using one.
 */
const kept = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>()

function keptFormat<T extends Intl.NumberFormat | Intl.DateTimeFormat>(kind: 'number' | 'date', tag: string, opts: object, make: () => T): T {
  const key = `${kind} ${tag} ${JSON.stringify(opts)}`
  let format = kept.get(key) as T | undefined
  if (!format)
    kept.set(key, format = make())
  return format
}

/** A number as the language writes it, with Intl's options (a count without them). */
export function formatNumber(n: number, tag: string, opts: Intl.NumberFormatOptions = {}): string {
  return keptFormat('number', tag, opts, () => new Intl.NumberFormat(tag, opts)).format(n)
}

/** A moment as the language writes it, with Intl's options. */
export function formatDate(d: Date, tag: string, opts: Intl.DateTimeFormatOptions): string {
  return keptFormat('date', tag, opts, () => new Intl.DateTimeFormat(tag, opts)).format(d)
}

/** A whole count as the language writes it (`1.234` in Dutch, `1 234` in French). */
export function formatCount(n: number, tag: string): string {
  return formatNumber(n, tag)
}

export function useFormat() {
  const { locale } = useI18n()
  const tag = () => intlTag(locale.value)
  return {
    count: (n: number) => formatCount(n, tag()),
    /** A share from 0 to 1 as a percentage (`0,5` → `50%`). */
    percent: (share: number) => formatNumber(share, tag(), { style: 'percent' }),
    dateTime: (iso: string) => formatDate(new Date(iso), tag(), { dateStyle: 'medium', timeStyle: 'short' }),
    time: (iso: string) => formatDate(new Date(iso), tag(), { hour: '2-digit', minute: '2-digit' }),
    /** A calendar day `YYYY-MM-DD` (no time, so no time zone can move it to another day). */
    day: (ymd: string) => formatDate(new Date(`${ymd}T00:00:00Z`), tag(), { dateStyle: 'medium', timeZone: 'UTC' }),
    minutes: (n: number) => formatNumber(n, tag(), { style: 'unit', unit: 'minute', unitDisplay: 'short' }),
  }
}
