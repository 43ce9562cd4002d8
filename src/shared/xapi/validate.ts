/**
 * xAPI statement validation, 1.0.3 and 2.0.0, as an LRS must apply it before storing: the hub
 * answers 400 with these texts, and the client's tests check every statement it builds.
 *
 * Every error names the failing property path, e.g.
 *   "statement.result.score.scaled: 1.5 is outside [-1, 1]"
 *
 * What is checked (xAPI 1.0.3 Data 2.2-2.4 and 4.x; IEEE 9274.1.1 for 2.0.0):
 * - no null values, empty objects (an Activity Definition excepted) or unknown properties
 *   anywhere outside extensions; keys are case-sensitive and enumerated values (objectType,
 *   interactionType) must match exactly;
 * - actor/authority/instructor/member: an Agent has exactly one IFI (mbox, mbox_sha1sum, openid,
 *   account); a Group has at most one IFI and, when anonymous, a non-empty member list of Agents;
 *   mbox is mailto:, mbox_sha1sum 40 hex digits, openid an IRI, account {homePage IRL, name};
 *   an authority Group is anonymous with exactly two members;
 * - verb id an IRI, display a language map with RFC 5646 tags; the voided verb needs a StatementRef;
 * - object: Activity (id IRI, definition rules, interaction components per interactionType),
 *   Agent/Group (objectType required), StatementRef (UUID), SubStatement (no id, stored,
 *   version or authority, no nested SubStatement);
 * - result: success/completion booleans, response string, duration ISO 8601, score.scaled in
 *   [-1, 1], min <= raw <= max;
 * - context: registration UUID, revision/platform only with an Activity object, language tag,
 *   contextActivities keys and Activities, statement a StatementRef; contextAgents/contextGroups
 *   are 2.0.0 only;
 * - timestamp/stored ISO 8601 (see timestampProblem), id UUID (any variant), extension keys IRIs,
 *   version 1.0.x (and 2.0.x for 2.0.0), attachments' required fields.
 * Not checkable after JSON.parse: duplicate keys (XAPI-00021).
 */
import { describe, durationProblem, isIri, isIrl, isLanguageTag, isMbox, isSha1, isUuid, timestampProblem } from './formats'
import type { ValidationResult, XapiVersion } from './types'

export type { ValidationResult } from './types'

export interface ValidateOptions {
  /** The name the paths start with. Default 'statement'. */
  root?: string
  /** Refuse timestamps without a time zone (xAPI only says SHOULD). Default false. */
  requireTimezone?: boolean
  /** Stop collecting after this many errors. Default 50. */
  maxErrors?: number
}

export const VOIDED_VERB_ID = 'http://adlnet.gov/expapi/verbs/voided'

type Json = Record<string, unknown>

const STATEMENT_KEYS = ['id', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'stored', 'authority', 'version', 'attachments']
const SUBSTATEMENT_KEYS = ['objectType', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'attachments']
const SUBSTATEMENT_BANNED = ['id', 'stored', 'version', 'authority']
const AGENT_KEYS = ['objectType', 'name', 'mbox', 'mbox_sha1sum', 'openid', 'account']
const GROUP_KEYS = [...AGENT_KEYS, 'member']
const IFIS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const
const ACCOUNT_KEYS = ['homePage', 'name']
const VERB_KEYS = ['id', 'display']
const ACTIVITY_KEYS = ['objectType', 'id', 'definition']
const DEFINITION_KEYS = ['name', 'description', 'type', 'moreInfo', 'extensions', 'interactionType', 'correctResponsesPattern', 'choices', 'scale', 'source', 'target', 'steps']
const COMPONENT_KEYS = ['id', 'description']
const STATEMENT_REF_KEYS = ['objectType', 'id']
const RESULT_KEYS = ['score', 'success', 'completion', 'response', 'duration', 'extensions']
const SCORE_KEYS = ['scaled', 'raw', 'min', 'max']
const CONTEXT_KEYS_20 = ['registration', 'instructor', 'team', 'contextActivities', 'revision', 'platform', 'language', 'statement', 'extensions', 'contextAgents', 'contextGroups']
const CONTEXT_ONLY_20 = ['contextAgents', 'contextGroups']
const CONTEXT_ACTIVITY_KEYS = ['parent', 'grouping', 'category', 'other']
const CONTEXT_AGENT_KEYS = ['objectType', 'agent', 'relevantTypes']
const CONTEXT_GROUP_KEYS = ['objectType', 'group', 'relevantTypes']
const ATTACHMENT_KEYS = ['usageType', 'display', 'description', 'contentType', 'length', 'sha2', 'fileUrl']
const INTERACTION_TYPES = ['true-false', 'choice', 'fill-in', 'long-fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric', 'other']
const COMPONENT_LISTS = ['choices', 'scale', 'source', 'target', 'steps'] as const
/** Which interaction component lists each interactionType may carry. */
const COMPONENTS_FOR: Record<string, readonly string[]> = {
  choice: ['choices'],
  sequencing: ['choices'],
  likert: ['scale'],
  matching: ['source', 'target'],
  performance: ['steps'],
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)

class Checker {
  readonly errors: string[] = []
  constructor(
    readonly version: XapiVersion,
    readonly requireTimezone: boolean,
    readonly maxErrors: number,
  ) {}

  err(path: string, message: string): void {
    if (this.errors.length < this.maxErrors) this.errors.push(`${path}: ${message}`)
  }

  /**
   * An object with only the allowed keys and no null values, and not empty unless `mayBeEmpty`.
   * Returns false (after reporting) when the value is not a usable object, so the caller skips
   * its fields.
   */
  object(value: unknown, path: string, allowed: readonly string[], what: string, mayBeEmpty = false): value is Json {
    if (!isObject(value)) {
      this.err(path, `must be ${what} (a JSON object), got ${describe(value)}`)
      return false
    }
    const keys = Object.keys(value)
    if (keys.length === 0 && !mayBeEmpty) {
      this.err(path, 'must not be an empty object')
      return false
    }
    for (const key of keys) {
      if (!allowed.includes(key)) {
        const near = allowed.find((a) => a.toLowerCase() === key.toLowerCase())
        this.err(`${path}.${key}`, near ? `is not allowed; property names are case-sensitive (did you mean "${near}"?)` : `is not a property of ${what}`)
      } else if (value[key] === null) this.err(`${path}.${key}`, 'must not be null (leave the property out instead)')
    }
    return true
  }

  string(value: unknown, path: string): value is string {
    if (typeof value !== 'string') {
      this.err(path, `must be a string, got ${describe(value)}`)
      return false
    }
    return true
  }

  iri(value: unknown, path: string, what = 'an IRI'): void {
    if (!isIri(value)) this.err(path, `must be ${what} with a scheme (e.g. https://...), got ${describe(value)}`)
  }

  uuid(value: unknown, path: string): void {
    if (!isUuid(value)) this.err(path, `must be a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx), got ${describe(value)}`)
  }

  languageMap(value: unknown, path: string): void {
    if (!isObject(value)) return this.err(path, `must be a language map (an object of language tag -> text), got ${describe(value)}`)
    const entries = Object.entries(value)
    if (entries.length === 0) return this.err(path, 'must be a language map with at least one entry')
    for (const [tag, text] of entries) {
      if (!isLanguageTag(tag)) this.err(`${path}.${tag}`, `"${tag}" is not an RFC 5646 language tag`)
      if (typeof text !== 'string') this.err(`${path}.${tag}`, `must be a string, got ${describe(text)}`)
    }
  }

  extensions(value: unknown, path: string): void {
    if (!isObject(value)) return this.err(path, `must be an extensions object (IRI keys), got ${describe(value)}`)
    for (const key of Object.keys(value)) if (!isIri(key)) this.err(`${path}.${key}`, 'extension keys must be IRIs')
  }

  timestamp(value: unknown, path: string): void {
    const problem = timestampProblem(value, this.requireTimezone)
    if (problem) this.err(path, problem)
  }

  /** Agent (kind 'agent'), Group ('group') or either ('actor'). */
  agentOrGroup(value: unknown, path: string, kind: 'agent' | 'group' | 'actor', objectTypeRequired: boolean): void {
    if (!isObject(value)) return this.err(path, `must be ${kind === 'group' ? 'a Group' : kind === 'agent' ? 'an Agent' : 'an Agent or Group'} object, got ${describe(value)}`)
    const type = value.objectType
    if (type === undefined && objectTypeRequired) this.err(`${path}.objectType`, `is required here ("Agent" or "Group")`)
    const resolved = type ?? 'Agent'
    if (resolved !== 'Agent' && resolved !== 'Group') return this.err(`${path}.objectType`, `must be "Agent" or "Group", got ${describe(type)}`)
    if (kind === 'agent' && resolved !== 'Agent') return this.err(`${path}.objectType`, `must be "Agent" here, got ${describe(type)}`)
    if (kind === 'group' && resolved !== 'Group') return this.err(`${path}.objectType`, type === undefined ? 'must be "Group" here' : `must be "Group" here, got ${describe(type)}`)
    const isGroup = resolved === 'Group'
    if (!this.object(value, path, isGroup ? GROUP_KEYS : AGENT_KEYS, isGroup ? 'a Group' : 'an Agent')) return
    if (value.name !== undefined) this.string(value.name, `${path}.name`)
    const ifis = IFIS.filter((name) => value[name] !== undefined && value[name] !== null)
    if (ifis.length > 1) this.err(path, `must have exactly one identifier (mbox, mbox_sha1sum, openid or account), has ${ifis.join(', ')}`)
    if (!isGroup && ifis.length === 0) this.err(path, 'an Agent needs exactly one identifier: mbox, mbox_sha1sum, openid or account')
    if (value.mbox !== undefined && value.mbox !== null && !isMbox(value.mbox)) this.err(`${path}.mbox`, `must be a mailto: IRI (mailto:name@example.org), got ${describe(value.mbox)}`)
    if (value.mbox_sha1sum !== undefined && value.mbox_sha1sum !== null && !isSha1(value.mbox_sha1sum)) this.err(`${path}.mbox_sha1sum`, `must be 40 hexadecimal digits, got ${describe(value.mbox_sha1sum)}`)
    if (value.openid !== undefined && value.openid !== null) this.iri(value.openid, `${path}.openid`, 'a URI')
    if (value.account !== undefined && value.account !== null && this.object(value.account, `${path}.account`, ACCOUNT_KEYS, 'an Account')) {
      const account = value.account
      if (account.homePage === undefined) this.err(`${path}.account.homePage`, 'is required')
      else if (!isIrl(account.homePage)) this.err(`${path}.account.homePage`, `must be an IRL (e.g. https://hub.school.example), got ${describe(account.homePage)}`)
      if (account.name === undefined) this.err(`${path}.account.name`, 'is required')
      else this.string(account.name, `${path}.account.name`)
    }
    if (isGroup) {
      const member = value.member
      if (member === undefined) {
        if (ifis.length === 0) this.err(`${path}.member`, 'an anonymous Group (no identifier) needs a member list')
      } else if (!Array.isArray(member)) this.err(`${path}.member`, `must be an array of Agents, got ${describe(member)}`)
      else {
        if (ifis.length === 0 && member.length === 0) this.err(`${path}.member`, 'an anonymous Group needs at least one member')
        member.forEach((m, i) => this.agentOrGroup(m, `${path}.member[${i}]`, 'agent', false))
      }
    }
  }

  activity(value: Json, path: string): void {
    if (!this.object(value, path, ACTIVITY_KEYS, 'an Activity')) return
    if (value.objectType !== undefined && value.objectType !== 'Activity') this.err(`${path}.objectType`, `must be "Activity", got ${describe(value.objectType)}`)
    if (value.id === undefined) this.err(`${path}.id`, 'is required')
    else this.iri(value.id, `${path}.id`)
    if (value.definition !== undefined) this.definition(value.definition, `${path}.definition`)
  }

  definition(value: unknown, path: string): void {
    // Every property of a Definition is optional, so {} is a valid one: an empty object is only
    // a SHOULD NOT for the sender (Data 2.2.s2.b1), and ADL's suite expects it stored (both versions).
    if (!this.object(value, path, DEFINITION_KEYS, 'an Activity Definition', true)) return
    if (value.name !== undefined) this.languageMap(value.name, `${path}.name`)
    if (value.description !== undefined) this.languageMap(value.description, `${path}.description`)
    if (value.type !== undefined) this.iri(value.type, `${path}.type`)
    if (value.moreInfo !== undefined && !isIrl(value.moreInfo)) this.err(`${path}.moreInfo`, `must be an IRL, got ${describe(value.moreInfo)}`)
    if (value.extensions !== undefined) this.extensions(value.extensions, `${path}.extensions`)
    const type = value.interactionType
    if (type !== undefined && (typeof type !== 'string' || !INTERACTION_TYPES.includes(type)))
      this.err(`${path}.interactionType`, `must be one of ${INTERACTION_TYPES.join(', ')}, got ${describe(type)}`)
    if (value.correctResponsesPattern !== undefined) {
      if (type === undefined) this.err(`${path}.correctResponsesPattern`, 'needs an interactionType')
      const pattern = value.correctResponsesPattern
      if (!Array.isArray(pattern)) this.err(`${path}.correctResponsesPattern`, `must be an array of strings, got ${describe(pattern)}`)
      else pattern.forEach((p, i) => this.string(p, `${path}.correctResponsesPattern[${i}]`))
    }
    const allowedLists = typeof type === 'string' ? (COMPONENTS_FOR[type] ?? []) : []
    for (const list of COMPONENT_LISTS) {
      const components = value[list]
      if (components === undefined) continue
      const listPath = `${path}.${list}`
      if (type === undefined) this.err(listPath, 'needs an interactionType')
      else if (!allowedLists.includes(list)) this.err(listPath, `is not used with interactionType ${describe(type)}`)
      if (!Array.isArray(components)) {
        this.err(listPath, `must be an array of interaction components, got ${describe(components)}`)
        continue
      }
      const seen = new Set<string>()
      components.forEach((c, i) => {
        const cPath = `${listPath}[${i}]`
        if (!this.object(c, cPath, COMPONENT_KEYS, 'an interaction component')) return
        if (c.id === undefined) this.err(`${cPath}.id`, 'is required')
        else if (this.string(c.id, `${cPath}.id`)) {
          if (c.id.length === 0) this.err(`${cPath}.id`, 'must not be empty')
          if (seen.has(c.id)) this.err(`${cPath}.id`, `"${c.id}" appears twice in ${list}`)
          seen.add(c.id)
        }
        if (c.description !== undefined) this.languageMap(c.description, `${cPath}.description`)
      })
    }
  }

  statementRef(value: Json, path: string): void {
    if (!this.object(value, path, STATEMENT_REF_KEYS, 'a StatementRef')) return
    if (value.objectType !== 'StatementRef') this.err(`${path}.objectType`, `must be "StatementRef", got ${describe(value.objectType)}`)
    if (value.id === undefined) this.err(`${path}.id`, 'is required')
    else this.uuid(value.id, `${path}.id`)
  }

  object_(value: unknown, path: string, inSubStatement: boolean): void {
    if (!isObject(value)) return this.err(path, `must be an object (Activity, Agent, Group, StatementRef or SubStatement), got ${describe(value)}`)
    const type = value.objectType ?? 'Activity'
    switch (type) {
      case 'Activity':
        return this.activity(value, path)
      case 'Agent':
      case 'Group':
        return this.agentOrGroup(value, path, 'actor', true)
      case 'StatementRef':
        return this.statementRef(value, path)
      case 'SubStatement':
        if (inSubStatement) return this.err(`${path}.objectType`, 'a SubStatement cannot contain another SubStatement')
        return this.body(value, path, true)
      default:
        return this.err(`${path}.objectType`, `must be one of Activity, Agent, Group, StatementRef, SubStatement (exact case), got ${describe(type)}`)
    }
  }

  result(value: unknown, path: string): void {
    if (!this.object(value, path, RESULT_KEYS, 'a Result')) return
    if (value.success !== undefined && typeof value.success !== 'boolean') this.err(`${path}.success`, `must be true or false, got ${describe(value.success)}`)
    if (value.completion !== undefined && typeof value.completion !== 'boolean') this.err(`${path}.completion`, `must be true or false, got ${describe(value.completion)}`)
    if (value.response !== undefined) this.string(value.response, `${path}.response`)
    if (value.duration !== undefined) {
      const problem = durationProblem(value.duration)
      if (problem) this.err(`${path}.duration`, problem)
    }
    if (value.extensions !== undefined) this.extensions(value.extensions, `${path}.extensions`)
    if (value.score !== undefined) this.score(value.score, `${path}.score`)
  }

  score(value: unknown, path: string): void {
    if (!this.object(value, path, SCORE_KEYS, 'a Score')) return
    for (const key of SCORE_KEYS) if (value[key] !== undefined && value[key] !== null && !isNumber(value[key])) this.err(`${path}.${key}`, `must be a number, got ${describe(value[key])}`)
    const { scaled, raw, min, max } = value
    if (isNumber(scaled) && (scaled < -1 || scaled > 1)) this.err(`${path}.scaled`, `${scaled} is outside [-1, 1]`)
    if (isNumber(min) && isNumber(max) && min > max) this.err(`${path}.min`, `${min} is greater than max ${max}`)
    if (isNumber(raw) && isNumber(min) && raw < min) this.err(`${path}.raw`, `${raw} is less than min ${min}`)
    if (isNumber(raw) && isNumber(max) && raw > max) this.err(`${path}.raw`, `${raw} is greater than max ${max}`)
  }

  context(value: unknown, path: string, objectIsActivity: boolean): void {
    if (!isObject(value)) return this.err(path, `must be a Context (a JSON object), got ${describe(value)}`)
    if (this.version === '1.0.3')
      for (const key of CONTEXT_ONLY_20) if (key in value) this.err(`${path}.${key}`, 'is an xAPI 2.0 property; not allowed in a 1.0.3 statement (send X-Experience-API-Version: 2.0.0, or leave it out)')
    // 2.0-only keys were reported above for 1.0.3; do not report them again as unknown.
    if (!this.object(value, path, CONTEXT_KEYS_20, 'a Context')) return
    const rest = value
    if (rest.registration !== undefined) this.uuid(rest.registration, `${path}.registration`)
    if (rest.instructor !== undefined) this.agentOrGroup(rest.instructor, `${path}.instructor`, 'actor', false)
    if (rest.team !== undefined) this.agentOrGroup(rest.team, `${path}.team`, 'group', true)
    if (rest.revision !== undefined) {
      this.string(rest.revision, `${path}.revision`)
      if (!objectIsActivity) this.err(`${path}.revision`, 'is only allowed when the object is an Activity')
    }
    if (rest.platform !== undefined) {
      this.string(rest.platform, `${path}.platform`)
      if (!objectIsActivity) this.err(`${path}.platform`, 'is only allowed when the object is an Activity')
    }
    if (rest.language !== undefined && !isLanguageTag(rest.language)) this.err(`${path}.language`, `must be an RFC 5646 language tag, got ${describe(rest.language)}`)
    if (rest.statement !== undefined) {
      if (isObject(rest.statement)) this.statementRef(rest.statement, `${path}.statement`)
      else this.err(`${path}.statement`, `must be a StatementRef, got ${describe(rest.statement)}`)
    }
    if (rest.extensions !== undefined) this.extensions(rest.extensions, `${path}.extensions`)
    if (rest.contextActivities !== undefined && this.object(rest.contextActivities, `${path}.contextActivities`, CONTEXT_ACTIVITY_KEYS, 'contextActivities (parent, grouping, category, other)')) {
      for (const [key, list] of Object.entries(rest.contextActivities)) {
        const listPath = `${path}.contextActivities.${key}`
        if (list === null) continue
        const items = Array.isArray(list) ? list : [list]
        items.forEach((activity, i) => {
          const itemPath = Array.isArray(list) ? `${listPath}[${i}]` : listPath
          if (!isObject(activity)) this.err(itemPath, `must be an Activity, got ${describe(activity)}`)
          else this.activity(activity, itemPath)
        })
      }
    }
    if (this.version === '2.0.0') {
      this.contextMembers(rest.contextAgents, `${path}.contextAgents`, 'contextAgent', 'agent')
      this.contextMembers(rest.contextGroups, `${path}.contextGroups`, 'contextGroup', 'group')
    }
  }

  contextMembers(value: unknown, path: string, objectType: 'contextAgent' | 'contextGroup', field: 'agent' | 'group'): void {
    if (value === undefined) return
    if (!Array.isArray(value)) return this.err(path, `must be an array of ${objectType} objects, got ${describe(value)}`)
    value.forEach((item, i) => {
      const itemPath = `${path}[${i}]`
      if (!this.object(item, itemPath, objectType === 'contextAgent' ? CONTEXT_AGENT_KEYS : CONTEXT_GROUP_KEYS, `a ${objectType}`)) return
      if (item.objectType !== objectType) this.err(`${itemPath}.objectType`, `must be "${objectType}", got ${describe(item.objectType)}`)
      if (item[field] === undefined) this.err(`${itemPath}.${field}`, 'is required')
      else this.agentOrGroup(item[field], `${itemPath}.${field}`, field, field === 'group')
      if (item.relevantTypes !== undefined) {
        if (!Array.isArray(item.relevantTypes) || item.relevantTypes.length === 0) this.err(`${itemPath}.relevantTypes`, 'must be a non-empty array of IRIs')
        else item.relevantTypes.forEach((t: unknown, j: number) => this.iri(t, `${itemPath}.relevantTypes[${j}]`))
      }
    })
  }

  attachments(value: unknown, path: string): void {
    if (!Array.isArray(value)) return this.err(path, `must be an array of Attachments, got ${describe(value)}`)
    value.forEach((a, i) => {
      const aPath = `${path}[${i}]`
      if (!this.object(a, aPath, ATTACHMENT_KEYS, 'an Attachment')) return
      for (const required of ['usageType', 'display', 'contentType', 'length', 'sha2']) if (a[required] === undefined) this.err(`${aPath}.${required}`, 'is required')
      if (a.usageType !== undefined) this.iri(a.usageType, `${aPath}.usageType`)
      if (a.display !== undefined) this.languageMap(a.display, `${aPath}.display`)
      if (a.description !== undefined) this.languageMap(a.description, `${aPath}.description`)
      if (a.contentType !== undefined && (typeof a.contentType !== 'string' || !/^[\w!#$&^.+-]+\/[\w!#$&^.+-]+(\s*;.*)?$/.test(a.contentType)))
        this.err(`${aPath}.contentType`, `must be an Internet media type such as text/plain, got ${describe(a.contentType)}`)
      if (a.length !== undefined && !(Number.isInteger(a.length) && (a.length as number) >= 0)) this.err(`${aPath}.length`, `must be a whole number of octets, got ${describe(a.length)}`)
      if (a.sha2 !== undefined && (typeof a.sha2 !== 'string' || !/^([0-9a-f]{56}|[0-9a-f]{64}|[0-9a-f]{96}|[0-9a-f]{128})$/i.test(a.sha2)))
        this.err(`${aPath}.sha2`, `must be a SHA-2 hash in hexadecimal, got ${describe(a.sha2)}`)
      if (a.fileUrl !== undefined && !isIrl(a.fileUrl)) this.err(`${aPath}.fileUrl`, `must be an IRL, got ${describe(a.fileUrl)}`)
    })
  }

  body(stmt: Json, path: string, sub: boolean): void {
    if (sub && isObject(stmt)) for (const key of SUBSTATEMENT_BANNED) if (key in stmt) this.err(`${path}.${key}`, 'is not allowed in a SubStatement')
    // Banned keys were reported above; do not report them again as unknown.
    if (!this.object(stmt, path, sub ? [...SUBSTATEMENT_KEYS, ...SUBSTATEMENT_BANNED] : STATEMENT_KEYS, sub ? 'a SubStatement' : 'a Statement')) return
    if (!sub && stmt.id !== undefined) this.uuid(stmt.id, `${path}.id`)
    if (stmt.actor === undefined) this.err(`${path}.actor`, 'is required')
    else this.agentOrGroup(stmt.actor, `${path}.actor`, 'actor', false)
    if (stmt.verb === undefined) this.err(`${path}.verb`, 'is required')
    else if (this.object(stmt.verb, `${path}.verb`, VERB_KEYS, 'a Verb')) {
      if (stmt.verb.id === undefined) this.err(`${path}.verb.id`, 'is required')
      else this.iri(stmt.verb.id, `${path}.verb.id`)
      if (stmt.verb.display !== undefined) this.languageMap(stmt.verb.display, `${path}.verb.display`)
    }
    if (stmt.object === undefined) this.err(`${path}.object`, 'is required')
    else this.object_(stmt.object, `${path}.object`, sub)
    const objectIsActivity = isObject(stmt.object) && (stmt.object.objectType === undefined || stmt.object.objectType === 'Activity')
    if (stmt.result !== undefined) this.result(stmt.result, `${path}.result`)
    if (stmt.context !== undefined) this.context(stmt.context, `${path}.context`, objectIsActivity)
    if (stmt.timestamp !== undefined) this.timestamp(stmt.timestamp, `${path}.timestamp`)
    if (stmt.attachments !== undefined) this.attachments(stmt.attachments, `${path}.attachments`)
    if (sub) return
    if (stmt.stored !== undefined) this.timestamp(stmt.stored, `${path}.stored`)
    if (stmt.authority !== undefined) {
      this.agentOrGroup(stmt.authority, `${path}.authority`, 'actor', false)
      const authority = stmt.authority
      if (isObject(authority) && authority.objectType === 'Group') {
        // Data 2.4.9: a Group as authority is the OAuth consumer and user together: anonymous, two Agents.
        if (IFIS.some((ifi) => authority[ifi] !== undefined)) this.err(`${path}.authority`, 'an authority Group must be anonymous (no mbox, mbox_sha1sum, openid or account)')
        if (!Array.isArray(authority.member) || authority.member.length !== 2) this.err(`${path}.authority.member`, 'an authority Group must have exactly two Agents (OAuth consumer and user)')
      }
    }
    if (stmt.version !== undefined) {
      const pattern = this.version === '2.0.0' ? /^(1\.0(\.\d+)?|2\.0(\.\d+)?)$/ : /^1\.0(\.\d+)?$/
      if (typeof stmt.version !== 'string' || !pattern.test(stmt.version))
        this.err(`${path}.version`, `must be ${this.version === '2.0.0' ? '1.0.x or 2.0.x' : '1.0 or 1.0.x'}, got ${describe(stmt.version)}`)
    }
    if (isObject(stmt.verb) && stmt.verb.id === VOIDED_VERB_ID && !(isObject(stmt.object) && stmt.object.objectType === 'StatementRef'))
      this.err(`${path}.object`, 'a voiding statement (verb voided) must have a StatementRef object')
  }
}

/** Validates one statement as an LRS speaking `version` must. */
export function validateStatement(statement: unknown, version: XapiVersion, options: ValidateOptions = {}): ValidationResult {
  const root = options.root ?? 'statement'
  const checker = new Checker(version, options.requireTimezone ?? false, options.maxErrors ?? 50)
  if (!isObject(statement)) return { ok: false, errors: [`${root}: must be a JSON object, got ${describe(statement)}`] }
  checker.body(statement, root, false)
  return checker.errors.length ? { ok: false, errors: checker.errors } : { ok: true }
}

/** Validates a batch (a JSON array); paths read statement[i]. A statement's ids must be unique in it. */
export function validateStatements(statements: unknown, version: XapiVersion, options: ValidateOptions = {}): ValidationResult {
  const root = options.root ?? 'statement'
  if (!Array.isArray(statements)) return { ok: false, errors: [`${root}s: must be an array of statements, got ${describe(statements)}`] }
  const errors: string[] = []
  const ids = new Map<string, number>()
  const max = options.maxErrors ?? 50
  statements.forEach((stmt, i) => {
    if (errors.length >= max) return
    const result = validateStatement(stmt, version, { ...options, root: `${root}[${i}]`, maxErrors: max - errors.length })
    if (!result.ok) errors.push(...result.errors)
    const id = isObject(stmt) && typeof stmt.id === 'string' ? stmt.id.toLowerCase() : undefined
    if (id !== undefined) {
      const earlier = ids.get(id)
      if (earlier !== undefined) errors.push(`${root}[${i}].id: ${id} is also the id of ${root}[${earlier}]`)
      else ids.set(id, i)
    }
  })
  return errors.length ? { ok: false, errors } : { ok: true }
}

/** The signature the hub's LRS takes. */
export type StatementValidator = (statement: unknown, version: XapiVersion) => ValidationResult
