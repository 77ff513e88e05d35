import { useI18n } from 'vue-i18n'
import { intlTag } from '../../i18n'

/** Calendar days (`YYYY-MM-DD`) and labels of lending values in the active language. */
export function useLendingFormat() {
  const { t, locale } = useI18n()
  return {
    day: (day: string) => new Intl.DateTimeFormat(intlTag(locale.value), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`)),
    when: (iso: string) => new Intl.DateTimeFormat(intlTag(locale.value), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    status: (status: string | null) => t(`lending.status.${status ?? 'none'}`),
    accessories: (list: readonly string[]) => list.length ? list.map(a => t(`lending.accessory.${a}`)).join(', ') : t('lending.loan.none'),
  }
}
