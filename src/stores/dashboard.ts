import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'
import { DEVICE_STATUSES, HELP_MODES, localDay, OUTCOMES, QUESTION_CATEGORIES, dashboardFigures, type DashboardFigures, type Period } from '../domain'
import { useAuthStore } from './auth'
import { useDataLayer } from './data'

/** The dashboard of one period over the coordinator's municipalities, folded by the domain. */
export const useDashboardStore = defineStore('dashboard', () => {
  const auth = useAuthStore()
  const figures = ref<DashboardFigures | null>(null)
  const loading = ref(false)

  async function load(period: Period): Promise<void> {
    loading.value = true
    try {
      const municipalities = auth.profile?.municipalities ?? []
      const facts = await useDataLayer().review.facts(municipalities, period)
      const categories = [...new Set([...QUESTION_CATEGORIES, ...facts.sessions.flatMap(s => s.categories)])]
      figures.value = dashboardFigures(facts, period, { municipalities, categories, outcomes: OUTCOMES, helpModes: HELP_MODES, statuses: DEVICE_STATUSES }, localDay(new Date()))
    }
    finally {
      loading.value = false
    }
  }

  return { figures, loading, load }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useDashboardStore, import.meta.hot))
