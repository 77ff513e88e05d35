import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'
import type { Account, AccountInput, SyncOverview } from '../data'
import { useDataLayer } from './data'

export type { Account, AccountInput, AccountProblem, AssignableRole, SyncOverview, TabletActivity, TabletInfo, TabletSeen } from '../data'

/** Staff accounts and the tablets' syncing, straight from the server (this screen needs the network). */
export const useAccountsStore = defineStore('accounts', () => {
  const accounts = ref<Account[]>([])
  /** Null when the server keeps no sync activity. */
  const overview = ref<SyncOverview | null>(null)
  const api = () => useDataLayer().review.accounts

  async function load(): Promise<void> {
    const [list, activity] = await Promise.all([api().list(), api().tablets()])
    accounts.value = list
    overview.value = activity
  }

  /** Accounts and tablets again from the server. */
  const refresh = load

  /** A new account with its first password; the list follows. */
  const create = async (input: AccountInput, password: string) => {
    await api().create(input, password)
    await load()
  }

  /** New roles and municipalities for an account; the list follows. */
  const update = async (input: AccountInput) => {
    await api().update(input)
    await load()
  }

  /** Disables or enables an account; the list follows. */
  const setDisabled = async (name: string, disabled: boolean) => {
    await api().setDisabled(name, disabled)
    await load()
  }

  /** A new password, which the coordinator tells the person. */
  const resetPassword = (name: string, password: string) => api().resetPassword(name, password)

  return { accounts, overview, refresh, create, update, setDisabled, resetPassword }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useAccountsStore, import.meta.hot))
