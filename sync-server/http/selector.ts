import { isObject } from '../storage/attachments'
import { badRequest } from './respond'

/**
 * A small Mango selector matcher for `_changes?filter=_selector`: field conditions with
 * `$eq $ne $gt $gte $lt $lte $in $nin $exists`, combined with `$and $or $nor $not`; dotted field
 * names reach into sub-objects. Enough for replication filters; anything else is a 400.
 */
export type Selector = Record<string, unknown>

const FIELD_OPS = new Set(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$exists'])

export function checkSelector(selector: unknown): Selector {
  if (!isObject(selector))
    throw badRequest('selector must be a JSON object')
  for (const [key, value] of Object.entries(selector)) {
    if (key === '$and' || key === '$or' || key === '$nor') {
      if (!Array.isArray(value))
        throw badRequest(`${key} takes an array of selectors`)
      value.forEach(checkSelector)
    }
    else if (key === '$not') {
      checkSelector(value)
    }
    else if (key.startsWith('$')) {
      throw badRequest(`unsupported selector operator ${key}`)
    }
    else if (isObject(value) && Object.keys(value).some(k => k.startsWith('$'))) {
      for (const [op, arg] of Object.entries(value)) {
        if (!FIELD_OPS.has(op))
          throw badRequest(`unsupported selector operator ${op}`)
        if ((op === '$in' || op === '$nin') && !Array.isArray(arg))
          throw badRequest(`${op} takes an array`)
      }
    }
  }
  return selector
}

export function matches(doc: Record<string, unknown>, selector: Selector): boolean {
  return Object.entries(selector).every(([key, cond]) => {
    switch (key) {
      case '$and': return (cond as Selector[]).every(s => matches(doc, s))
      case '$or': return (cond as Selector[]).some(s => matches(doc, s))
      case '$nor': return !(cond as Selector[]).some(s => matches(doc, s))
      case '$not': return !matches(doc, cond as Selector)
      default: return fieldMatches(lookup(doc, key), cond)
    }
  })
}

function lookup(doc: Record<string, unknown>, path: string): unknown {
  let value: unknown = doc
  for (const part of path.split('.')) {
    if (!isObject(value))
      return undefined
    value = value[part]
  }
  return value
}

function fieldMatches(value: unknown, cond: unknown): boolean {
  if (!isObject(cond) || !Object.keys(cond).some(k => k.startsWith('$')))
    return equal(value, cond)
  return Object.entries(cond).every(([op, arg]) => {
    switch (op) {
      case '$eq': return equal(value, arg)
      case '$ne': return !equal(value, arg)
      case '$gt': return comparable(value, arg) && (value as number) > (arg as number)
      case '$gte': return comparable(value, arg) && (value as number) >= (arg as number)
      case '$lt': return comparable(value, arg) && (value as number) < (arg as number)
      case '$lte': return comparable(value, arg) && (value as number) <= (arg as number)
      case '$in': return (arg as unknown[]).some(a => equal(value, a))
      case '$nin': return value !== undefined && !(arg as unknown[]).some(a => equal(value, a))
      case '$exists': return (value !== undefined) === (arg === true)
      default: return false
    }
  })
}

/** Ordering only between two numbers or two strings, so a type mismatch never matches. */
function comparable(a: unknown, b: unknown): boolean {
  return (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string')
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b)
    return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return false
  return JSON.stringify(a) === JSON.stringify(b)
}
