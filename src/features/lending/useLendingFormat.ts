import { useI18n } from 'vue-i18n'
import type { DeviceEventRecord } from '../../data'
import { intlTag } from '../../i18n'
import { useFormat } from '../../i18n/format'

interface Repair { what?: string, by?: string, costCents?: number }

/** Calendar days (`YYYY-MM-DD`) and labels of lending values in the active language. */
export function useLendingFormat() {
  const { t, locale } = useI18n()
  const money = (cents: number) => new Intl.NumberFormat(intlTag(locale.value), { style: 'currency', currency: 'EUR' }).format(cents / 100)
  /** What a repair, retirement or return left in the history, in one line; '' when nothing. */
  const eventDetail = (e: Pick<DeviceEventRecord, 'details' | 'note'>): string => {
    const repair = e.details.repair as Repair | undefined
    const parts = [
      repair?.what, repair?.by && t('lending.device.by', { name: repair.by }), repair?.costCents !== undefined ? money(repair.costCents) : undefined,
      typeof e.details.reason === 'string' ? e.details.reason : undefined, e.note,
    ]
    return parts.filter(Boolean).join(' · ')
  }
  return {
    money,
    eventDetail,
    day: (day: string) => new Intl.DateTimeFormat(intlTag(locale.value), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`)),
    when: useFormat().dateTime,
    status: (status: string | null) => t(`lending.status.${status ?? 'none'}`),
    accessories: (list: readonly string[]) => list.length ? list.map(a => t(`lending.accessory.${a}`)).join(', ') : t('lending.loan.none'),
  }
}
