import { useI18n } from 'vue-i18n'
import { accountProblem } from '../../data/review/accounts'

/**
 * Runs one account call and words its outcome: the success text, or why the server refused it in
 * the user's language (the server's own reasons are English, for administrators).
 */
export function useAccountAction(report: (message: string) => void) {
  const { t } = useI18n()
  return async (work: () => Promise<unknown>, ok: string): Promise<boolean> => {
    try {
      await work()
      report(ok)
      return true
    }
    catch (err) {
      report(t('accounts.failed', { reason: t(`accounts.problem.${accountProblem(err)}`) }))
      return false
    }
  }
}
