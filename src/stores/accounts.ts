import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'
import type { Account, AccountInput, TabletActivity } from '../data'
import { useDataLayer } from './data'

export type { Account, AccountInput, AssignableRole, TabletActivity } from '../data'

/** Staff accounts and the tablets' last syncs, straight from the server (this screen needs the network). */
export const useAccountsStore = defineStore('accounts', () => {
  const accounts = ref<Account[]>([])
  const tablets = ref<TabletActivity[] | null>(null)
  const api = () => useDataLayer().review.accounts

  async function refresh(): Promise<void> {
    const [list, activity] = await Promise.all([api().list(), api().tablets()])
    accounts.value = list
    tablets.value = activity
  }

  async function create(input: AccountInput, password: string): Promise<void> {
    await api().create(input, password)
    await refresh()
  }

  async function setDisabled(name: string, disabled: boolean): Promise<void> {
    await api().setDisabled(name, disabled)
    await refresh()
  }

  return { accounts, tablets, refresh, create, setDisabled, resetPassword: (name: string, password: string) => api().resetPassword(name, password) }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useAccountsStore, import.meta.hot))
