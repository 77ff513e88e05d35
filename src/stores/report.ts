import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'
import { funderReport, MUNICIPALITY_SLUGS, QUESTION_CATEGORIES, type FunderReport, type Period } from '../domain'
import { useAuthStore } from './auth'
import { useDataLayer } from './data'

/** The anonymous funder report of a period: counts only, small cells suppressed by the domain. */
export const useReportStore = defineStore('report', () => {
  const auth = useAuthStore()
  const report = ref<FunderReport | null>(null)

  async function make(period: Period): Promise<void> {
    const municipalities = (auth.profile?.municipalities ?? []).length ? auth.profile!.municipalities : [...MUNICIPALITY_SLUGS]
    const facts = await useDataLayer().review.facts(municipalities, period)
    const categories = [...new Set([...QUESTION_CATEGORIES, ...facts.sessions.flatMap(s => s.categories)])]
    report.value = funderReport(facts, period, { municipalities, categories })
  }

  return { report, make }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useReportStore, import.meta.hot))
