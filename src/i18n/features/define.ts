/** The texts of one feature; fr and en must have exactly the shape of nl (checked by the compiler). */
export function defineMessages<T extends object>(m: { nl: T, fr: NoInfer<T>, en: NoInfer<T> }): { nl: T, fr: T, en: T } {
  return m
}
