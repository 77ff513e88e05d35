import { useI18n } from 'vue-i18n'
import type { UnsyncedSummary } from '../../data'

const NAMED = ['session', 'person'] as const

/** "12 hulpvragen en 3 andere registraties": what is at stake, in words a volunteer knows. */
export function useLossText() {
  const { t } = useI18n()
  return (byKind: UnsyncedSummary['byKind']): string => {
    const named = NAMED.flatMap((kind) => {
      const n = byKind.find(k => k.kind === kind)?.count ?? 0
      return n > 0 ? [t(`trust.kinds.${kind}`, { n }, n)] : []
    })
    const others = byKind.filter(k => !(NAMED as readonly string[]).includes(k.kind)).reduce((sum, k) => sum + k.count, 0)
    const parts = others > 0 ? [...named, t('trust.kinds.other', { n: others }, others)] : named
    return parts.reduce((a, b) => t('trust.kinds.and', { a, b }))
  }
}
