import { onUnmounted, ref, watch, type Ref, type WatchSource } from 'vue'

/**
 * A value kept live from a data-layer watch for as long as the component is shown; the watch
 * restarts when `source` (e.g. the route's id) changes. `loaded` tells "nothing" from "not yet".
 */
export function useLive<T, S>(source: WatchSource<S>, start: (value: S, cb: (v: T) => void) => () => void, initial: T): { value: Ref<T>, loaded: Ref<boolean> } {
  const value = ref(initial) as Ref<T>
  const loaded = ref(false)
  let stop: (() => void) | null = null
  watch(source, (next) => {
    stop?.()
    loaded.value = false
    stop = start(next, (v) => {
      value.value = v
      loaded.value = true
    })
  }, { immediate: true })
  onUnmounted(() => stop?.())
  return { value, loaded }
}
