/**
 * Version handling: which xAPI version to speak with an LRS, and a statement as that version
 * allows it. A 1.0.3 store never receives 2.0-only fields (context.contextAgents and
 * context.contextGroups, in a statement or its SubStatement; a 2.0.x version property).
 */
import type { Context, Statement, XapiVersion } from './types'

/** The version to speak, from the `version` array an LRS's /about advertises; null when none fits. */
export function pickVersion(advertised: unknown): XapiVersion | null {
  const list = Array.isArray(advertised) ? advertised.filter((v): v is string => typeof v === 'string') : []
  if (list.some((v) => /^2\.0(\.\d+)?$/.test(v.trim()))) return '2.0.0'
  if (list.some((v) => /^1\.0(\.\d+)?$/.test(v.trim()))) return '1.0.3'
  return null
}

const ONLY_20 = ['contextAgents', 'contextGroups'] as const

function contextFor(context: Context | undefined, version: XapiVersion): Context | undefined {
  if (!context || version === '2.0.0' || !ONLY_20.some((key) => key in context)) return context
  const copy: Context = { ...context }
  for (const key of ONLY_20) delete copy[key]
  return Object.keys(copy).length ? copy : undefined
}

/**
 * The statement as `version` allows it; the same object when nothing has to change. Pure:
 * the input is never modified.
 */
export function statementForVersion<S extends Statement>(statement: S, version: XapiVersion): S {
  if (version === '2.0.0') return statement
  let out: S = statement
  const context = contextFor(statement.context, version)
  if (context !== statement.context) {
    out = { ...out }
    if (context) out.context = context
    else delete out.context
  }
  const object = statement.object
  if (object.objectType === 'SubStatement') {
    const subContext = contextFor(object.context, version)
    if (subContext !== object.context) {
      const sub = { ...object }
      if (subContext) sub.context = subContext
      else delete sub.context
      out = { ...out, object: sub }
    }
  }
  if (typeof statement.version === 'string' && !statement.version.startsWith('1.0')) {
    out = { ...out }
    delete out.version
  }
  return out
}
