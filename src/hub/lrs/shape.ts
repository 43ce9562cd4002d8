/**
 * Statement shapes: equivalence for duplicate ids (xAPI "Statement comparison requirements"),
 * and the ids / canonical result formats.
 */
import { agentIds, isObject, type Json, type JsonObject } from './agents'
import { UUID_PATTERN } from './request'

/** Stable text of a JSON value: keys sorted, so key order never makes two statements differ. */
export function stableStringify(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableStringify(value[key]!)}`)
      .join(',')}}`
  return JSON.stringify(value)
}

/**
 * What must be equal for two statements with one id to be "the same statement": everything but
 * the properties the LRS sets or may change (id, stored, authority, version, attachments,
 * activity definitions), with case in UUIDs and language tags, group member order, timestamp
 * notation (compared as instants) and a duration's digits beyond 0.01 s not counting.
 */
function comparable(value: Json, parentKey = ''): Json {
  if (typeof value === 'string') return UUID_PATTERN.test(value) ? value.toLowerCase() : value
  if (Array.isArray(value)) {
    const items = value.map((item) => comparable(item))
    return parentKey === 'member' ? items.sort((a, b) => (stableStringify(a) < stableStringify(b) ? -1 : 1)) : items
  }
  if (!isObject(value)) return value
  const out: JsonObject = {}
  for (const [key, item] of Object.entries(value)) {
    if (key === 'definition' && typeof value.id === 'string') continue // an Activity's definition
    if (key === 'display' && isObject(item)) {
      out.display = Object.fromEntries(Object.entries(item).map(([tag, text]) => [tag.toLowerCase(), text]))
      continue
    }
    if (key === 'duration' && parentKey === 'result' && typeof item === 'string') {
      out.duration = durationToHundredths(item)
      continue
    }
    if (key === 'timestamp' && typeof item === 'string' && !Number.isNaN(Date.parse(item))) {
      out.timestamp = new Date(item).toISOString()
      continue
    }
    out[key] = comparable(item, key)
  }
  return out
}

/**
 * A duration's seconds to 0.01 s, truncated, with a comma written as a point: precision beyond
 * 0.01 s does not count when durations are compared (1.0.3 Data 4.6.s1.b5; 2.0 section 4.2.7).
 */
export function durationToHundredths(duration: string): string {
  return duration.replace(/(\d+)(?:[.,](\d*))?S$/, (_, whole: string, fraction = '') => `${whole}.${fraction.slice(0, 2).padEnd(2, '0')}S`)
}

/**
 * xAPI Data 2.4.6.2: a contextActivities value may arrive as one Activity, but the LRS returns
 * every value as an array. Applied to the statement and to a SubStatement object's context.
 */
export function withContextActivityArrays(statement: JsonObject): JsonObject {
  const fixContext = (holder: JsonObject): JsonObject => {
    const context = holder.context
    if (!isObject(context) || !isObject(context.contextActivities)) return holder
    const activities = context.contextActivities
    if (Object.values(activities).every(Array.isArray)) return holder
    const arrays = Object.fromEntries(Object.entries(activities).map(([kind, value]) => [kind, Array.isArray(value) ? value : [value]]))
    return { ...holder, context: { ...context, contextActivities: arrays } }
  }
  const out = fixContext(statement)
  const object = out.object
  if (isObject(object) && object.objectType === 'SubStatement') {
    const fixed = fixContext(object)
    if (fixed !== object) return { ...out, object: fixed }
  }
  return out
}

export function sameStatement(stored: JsonObject, incoming: JsonObject): boolean {
  incoming = withContextActivityArrays(incoming)
  const strip = (stmt: JsonObject): JsonObject => {
    const { id: _id, stored: _stored, authority: _authority, version: _version, attachments: _attachments, timestamp: _timestamp, ...rest } = stmt
    return rest
  }
  if (stableStringify(comparable(strip(stored))) !== stableStringify(comparable(strip(incoming)))) return false
  // The stored timestamp may have been filled in by the LRS; only a timestamp sent both times counts.
  if (typeof incoming.timestamp === 'string' && typeof stored.timestamp === 'string') return Date.parse(incoming.timestamp) === Date.parse(stored.timestamp)
  return true
}

export type StatementFormat = 'exact' | 'ids' | 'canonical'

/**
 * format=ids: agents, groups, verbs and activities reduced to what identifies them. A Verb or
 * an Activity is its id alone (an Activity's objectType is optional and identifies nothing); an
 * Agent or Group keeps its objectType, which a statement's object needs.
 */
export function idsFormat(statement: JsonObject): JsonObject {
  const activityIds = (activity: Json): Json => (isObject(activity) ? { id: activity.id ?? null } : activity)
  const visit = (stmt: JsonObject): JsonObject => {
    const out: JsonObject = { ...stmt }
    if (isObject(stmt.verb)) out.verb = { id: stmt.verb.id ?? null }
    if (stmt.actor !== undefined) out.actor = agentIds(stmt.actor)
    if (stmt.authority !== undefined) out.authority = agentIds(stmt.authority)
    const object = stmt.object
    if (isObject(object)) {
      if (object.objectType === 'Agent' || object.objectType === 'Group') out.object = agentIds(object)
      else if (object.objectType === 'SubStatement') out.object = visit(object)
      else if (object.objectType === undefined || object.objectType === 'Activity') out.object = activityIds(object)
    }
    if (isObject(stmt.context)) {
      const context: JsonObject = { ...stmt.context }
      if (context.instructor !== undefined) context.instructor = agentIds(context.instructor)
      if (context.team !== undefined) context.team = agentIds(context.team)
      if (Array.isArray(context.contextAgents)) context.contextAgents = context.contextAgents.map((e) => (isObject(e) ? { ...e, agent: agentIds(e.agent ?? null) } : e))
      if (Array.isArray(context.contextGroups)) context.contextGroups = context.contextGroups.map((e) => (isObject(e) ? { ...e, group: agentIds(e.group ?? null) } : e))
      if (isObject(context.contextActivities)) {
        const activities: JsonObject = {}
        for (const [kind, list] of Object.entries(context.contextActivities)) activities[kind] = Array.isArray(list) ? list.map(activityIds) : activityIds(list)
        context.contextActivities = activities
      }
      out.context = context
    }
    return out
  }
  return visit(statement)
}

/** The accepted languages, best first (Accept-Language header). */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return []
  return header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';')
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean)
      return { tag: (tag ?? '').trim().toLowerCase(), q: q ? Number(q[1]) : 1 }
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((entry) => entry.tag)
}

/** One entry of a language map: the best accepted language, else the first the map has. */
function pickLanguage(map: JsonObject, languages: string[]): JsonObject {
  const tags = Object.keys(map)
  if (tags.length <= 1) return map
  for (const wanted of languages) {
    if (wanted === '*') break
    const exact = tags.find((t) => t.toLowerCase() === wanted)
    const prefix = exact ?? tags.find((t) => t.toLowerCase().startsWith(`${wanted}-`) || wanted.startsWith(`${t.toLowerCase()}-`))
    if (prefix) return { [prefix]: map[prefix]! }
  }
  return { [tags[0]!]: map[tags[0]!]! }
}

const LANGUAGE_MAP_KEYS = new Set(['display', 'name', 'description'])

/**
 * format=canonical: activities carry the hub's canonical definition, and every language map
 * only the best language for the reader.
 */
export function canonicalFormat(statement: JsonObject, languages: string[], definitionOf: (activityId: string) => JsonObject | null): JsonObject {
  const reduce = (value: Json, key: string, inExtensions: boolean): Json => {
    if (Array.isArray(value)) return value.map((item) => reduce(item, '', inExtensions))
    if (!isObject(value)) return value
    if (!inExtensions && LANGUAGE_MAP_KEYS.has(key) && Object.values(value).every((v) => typeof v === 'string')) return pickLanguage(value, languages)
    const out: JsonObject = {}
    for (const [k, v] of Object.entries(value)) out[k] = reduce(v, k, inExtensions || k === 'extensions')
    return out
  }
  const withDefinitions = (value: Json, key: string): Json => {
    if (Array.isArray(value)) return value.map((item) => withDefinitions(item, key))
    if (!isObject(value)) return value
    if (key === 'extensions') return value
    const isActivity = typeof value.id === 'string' && (value.objectType === 'Activity' || (value.objectType === undefined && (key === 'object' || key === 'parent' || key === 'grouping' || key === 'category' || key === 'other')))
    const out: JsonObject = {}
    for (const [k, v] of Object.entries(value)) out[k] = withDefinitions(v, k)
    if (isActivity) {
      const canonical = definitionOf(value.id as string)
      if (canonical) out.definition = canonical
    }
    return out
  }
  return reduce(withDefinitions(statement, ''), '', false) as JsonObject
}

/** Merges a newer activity definition over an older one: language maps entry by entry. */
export function mergeDefinitions(older: JsonObject, newer: JsonObject): JsonObject {
  const out: JsonObject = { ...older }
  for (const [key, value] of Object.entries(newer)) {
    const previous = out[key]
    out[key] = (key === 'name' || key === 'description' || key === 'extensions') && isObject(previous) && isObject(value) ? { ...previous, ...value } : value
  }
  return out
}
