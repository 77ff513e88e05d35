import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref } from 'vue'
import type { Account, AccountInput, TabletActivity } from '../data'
import { useDataLayer } from './data'

export type { Account, AccountInput, AssignableRole, TabletActivity } from '../data'

/*
 * A browser opens at most six connections to one server, and a coordinator's live replication holds
 * a long-poll per database (nine) for up to a minute, so an account request would wait behind them.
 * Replication pauses for the call and starts again right after (as the privacy screen does).
 */
async function withServer<T>(call: () => Promise<T>): Promise<T> {
  const data = useDataLayer()
  await data.sync.stop()
  try {
    return await call()
  }
  finally {
    void data.sync.now()
  }
}

/** Staff accounts and the tablets' last syncs, straight from the server (this screen needs the network). */
export const useAccountsStore = defineStore('accounts', () => {
  const accounts = ref<Account[]>([])
  const tablets = ref<TabletActivity[] | null>(null)
  const api = () => useDataLayer().review.accounts

  async function load(): Promise<void> {
    const [list, activity] = await Promise.all([api().list(), api().tablets()])
    accounts.value = list
    tablets.value = activity
  }

  /** Accounts and tablets again from the server. */
  const refresh = () => withServer(load)

  /** A new account with its first password; the list follows. */
  const create = (input: AccountInput, password: string) => withServer(async () => {
    await api().create(input, password)
    await load()
  })

  /** Disables or enables an account; the list follows. */
  const setDisabled = (name: string, disabled: boolean) => withServer(async () => {
    await api().setDisabled(name, disabled)
    await load()
  })

  /** A new password, which the coordinator tells the person. */
  const resetPassword = (name: string, password: string) => withServer(() => api().resetPassword(name, password))

  return { accounts, tablets, refresh, create, setDisabled, resetPassword }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useAccountsStore, import.meta.hot))
