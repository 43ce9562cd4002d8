/**
 * xAPI statement types (1.0.3 and 2.0.0 / IEEE 9274.1.1), as JSON on the wire. Pure: the
 * client's telemetry builders, the hub's LRS and the dashboard all read these.
 * Optional fields are left out, never set to null: an LRS rejects null outside extensions.
 */

export type XapiVersion = '1.0.3' | '2.0.0'
export const XAPI_VERSIONS: readonly XapiVersion[] = ['1.0.3', '2.0.0']

/** RFC 5646 language tag -> text, at least one entry. */
export type LanguageMap = Record<string, string>

/** Keys are IRIs; values any JSON (null included). */
export type Extensions = Record<string, unknown>

export interface Account {
  /** IRL of the system where the account lives (the hub's or school's IRI). */
  homePage: string
  /** The account's name there: for Benchtop an opaque pseudonym. */
  name: string
}

/** Exactly one inverse functional identifier (mbox, mbox_sha1sum, openid, account). */
export interface Agent {
  objectType?: 'Agent'
  name?: string
  mbox?: string
  mbox_sha1sum?: string
  openid?: string
  account?: Account
}

export interface Group {
  objectType: 'Group'
  name?: string
  /** Agents only; required (and non-empty) for an anonymous Group. */
  member?: Agent[]
  mbox?: string
  mbox_sha1sum?: string
  openid?: string
  account?: Account
}

export type Actor = Agent | Group

export interface Verb {
  id: string
  display?: LanguageMap
}

export type InteractionType = 'true-false' | 'choice' | 'fill-in' | 'long-fill-in' | 'matching' | 'performance' | 'sequencing' | 'likert' | 'numeric' | 'other'

export interface InteractionComponent {
  id: string
  description?: LanguageMap
}

export interface ActivityDefinition {
  name?: LanguageMap
  description?: LanguageMap
  type?: string
  moreInfo?: string
  extensions?: Extensions
  interactionType?: InteractionType
  correctResponsesPattern?: string[]
  choices?: InteractionComponent[]
  scale?: InteractionComponent[]
  source?: InteractionComponent[]
  target?: InteractionComponent[]
  steps?: InteractionComponent[]
}

export interface Activity {
  objectType?: 'Activity'
  id: string
  definition?: ActivityDefinition
}

export interface StatementRef {
  objectType: 'StatementRef'
  id: string
}

export interface Score {
  /** In [-1, 1]. */
  scaled?: number
  raw?: number
  min?: number
  max?: number
}

export interface Result {
  score?: Score
  success?: boolean
  completion?: boolean
  response?: string
  /** ISO 8601 duration, e.g. PT12.34S. */
  duration?: string
  extensions?: Extensions
}

export interface ContextActivities {
  parent?: Activity[]
  grouping?: Activity[]
  category?: Activity[]
  other?: Activity[]
}

/** xAPI 2.0 only. */
export interface ContextAgent {
  objectType: 'contextAgent'
  agent: Agent
  relevantTypes?: string[]
}

/** xAPI 2.0 only. */
export interface ContextGroup {
  objectType: 'contextGroup'
  group: Group
  relevantTypes?: string[]
}

export interface Context {
  registration?: string
  instructor?: Actor
  team?: Group
  contextActivities?: ContextActivities
  /** 2.0 only. */
  contextAgents?: ContextAgent[]
  /** 2.0 only. */
  contextGroups?: ContextGroup[]
  /** Only when the object is an Activity. */
  revision?: string
  /** Only when the object is an Activity. */
  platform?: string
  language?: string
  statement?: StatementRef
  extensions?: Extensions
}

export interface Attachment {
  usageType: string
  display: LanguageMap
  description?: LanguageMap
  contentType: string
  length: number
  sha2: string
  fileUrl?: string
}

export interface SubStatement {
  objectType: 'SubStatement'
  actor: Actor
  verb: Verb
  object: Activity | Agent | Group | StatementRef
  result?: Result
  context?: Context
  timestamp?: string
  attachments?: Attachment[]
}

export type StatementObject = Activity | Agent | Group | StatementRef | SubStatement

export interface Statement {
  /** UUID, made on the client before queueing so that retries are idempotent. */
  id?: string
  actor: Actor
  verb: Verb
  object: StatementObject
  result?: Result
  context?: Context
  /** ISO 8601; Benchtop sends UTC with milliseconds. */
  timestamp?: string
  stored?: string
  authority?: Actor
  version?: string
  attachments?: Attachment[]
}

/** A statement as Benchtop's client queues it: the id is always set. */
export type ClientStatement = Statement & { id: string }

export type ValidationResult = { ok: true } | { ok: false; errors: string[] }
