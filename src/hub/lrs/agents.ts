/**
 * Agents as the hub indexes them: one string per inverse functional identifier (IFI), the same
 * shape the hub API uses for roster pseudonyms (`account:urn:benchtop:hub|<pseudonym>`).
 */
import { HttpError } from './request'

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
export type JsonObject = { [key: string]: Json }

export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value)

const IFI_NAMES = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const

/** The agent's (or identified group's) key, or null when it has no single valid IFI. */
export function agentKey(agent: unknown): string | null {
  if (!isObject(agent)) return null
  const present = IFI_NAMES.filter((name) => agent[name] !== undefined)
  if (present.length !== 1) return null
  const ifi = present[0]!
  const value = agent[ifi]
  if (ifi === 'account') {
    if (!isObject(value) || typeof value.homePage !== 'string' || typeof value.name !== 'string') return null
    return `account:${value.homePage}|${value.name}`
  }
  if (typeof value !== 'string' || value === '') return null
  // Hex digests and the mailto: scheme are case-insensitive; the address itself is kept as sent.
  if (ifi === 'mbox_sha1sum') return `mbox_sha1sum:${value.toLowerCase()}`
  if (ifi === 'mbox') return `mbox:${value.replace(/^mailto:/i, 'mailto:')}`
  return `openid:${value}`
}

/** The `agent` query parameter: JSON of an Agent (or identified Group) with exactly one IFI. */
export function agentParam(query: Map<string, string>, name = 'agent'): { agent: JsonObject; key: string } | undefined {
  const text = query.get(name)
  if (text === undefined) return undefined
  let agent: unknown
  try {
    agent = JSON.parse(text)
  } catch {
    throw new HttpError(400, `Query parameter "${name}" must be JSON of an Agent, e.g. {"mbox":"mailto:a@example.com"}; got "${text.slice(0, 80)}"`)
  }
  if (!isObject(agent)) throw new HttpError(400, `Query parameter "${name}" must be a JSON object (an Agent)`)
  if (agent.objectType !== undefined && agent.objectType !== 'Agent' && agent.objectType !== 'Group')
    throw new HttpError(400, `Query parameter "${name}": objectType must be Agent or Group`)
  const key = agentKey(agent)
  if (!key) throw new HttpError(400, `Query parameter "${name}" must identify an Agent with exactly one of mbox, mbox_sha1sum, openid or account (with homePage and name)`)
  if (typeof agent.mbox === 'string' && !/^mailto:/i.test(agent.mbox)) throw new HttpError(400, `Query parameter "${name}": mbox must be a mailto: IRI`)
  return { agent, key }
}

/** Agents a statement names: `direct` for actor/object (and their group members). */
export function collectAgents(statement: JsonObject): Map<string, boolean> {
  const found = new Map<string, boolean>()
  const add = (agent: unknown, direct: boolean) => {
    if (!isObject(agent)) return
    const key = agentKey(agent)
    if (key) found.set(key, direct || (found.get(key) ?? false))
    if (Array.isArray(agent.member)) for (const member of agent.member) add(member, direct)
  }
  const visit = (stmt: JsonObject, direct: boolean) => {
    add(stmt.actor, direct)
    const object = stmt.object
    if (isObject(object)) {
      if (object.objectType === 'Agent' || object.objectType === 'Group') add(object, direct)
      if (object.objectType === 'SubStatement') visit(object, false)
    }
    add(stmt.authority, false)
    const context = stmt.context
    if (isObject(context)) {
      add(context.instructor, false)
      add(context.team, false)
      // xAPI 2.0 context agents and groups.
      if (Array.isArray(context.contextAgents)) for (const entry of context.contextAgents) if (isObject(entry)) add(entry.agent, false)
      if (Array.isArray(context.contextGroups)) for (const entry of context.contextGroups) if (isObject(entry)) add(entry.group, false)
    }
  }
  visit(statement, true)
  return found
}

/** Activities a statement names, each with its definition when it gives one. */
export function collectActivities(statement: JsonObject): Map<string, JsonObject | null> {
  const found = new Map<string, JsonObject | null>()
  const add = (activity: unknown) => {
    if (!isObject(activity) || typeof activity.id !== 'string') return
    const definition = isObject(activity.definition) ? activity.definition : null
    if (!found.has(activity.id) || definition) found.set(activity.id, definition ?? found.get(activity.id) ?? null)
  }
  const visit = (stmt: JsonObject) => {
    const object = stmt.object
    if (isObject(object)) {
      if (object.objectType === undefined || object.objectType === 'Activity') add(object)
      if (object.objectType === 'SubStatement') visit(object)
    }
    const context = stmt.context
    if (isObject(context) && isObject(context.contextActivities)) {
      for (const kind of ['parent', 'grouping', 'category', 'other']) {
        const list = context.contextActivities[kind]
        for (const activity of Array.isArray(list) ? list : [list]) add(activity)
      }
    }
  }
  visit(statement)
  return found
}

/** Keeps only what identifies an Agent or Group (format=ids). */
export function agentIds(agent: Json): Json {
  if (!isObject(agent)) return agent
  const out: JsonObject = {}
  if (agent.objectType !== undefined) out.objectType = agent.objectType
  for (const name of IFI_NAMES) if (agent[name] !== undefined) out[name] = agent[name]!
  // Anonymous groups are identified by their members.
  if (agent.objectType === 'Group' && Array.isArray(agent.member) && !IFI_NAMES.some((n) => agent[n] !== undefined)) out.member = agent.member.map(agentIds)
  return out
}
