/**
 * Privacy by construction, checked: walks a statement and reports anything that looks like a
 * name, an e-mail, free text, media or a pose stream. Used by the tests on every statement a
 * full scene run produces, and cheap enough to run on the client before queueing.
 *
 * Rules:
 * - actors and other agents/groups carry only an account; mbox, mbox_sha1sum, openid or name
 *   on any of them (wherever it sits, sub-statements included) is a finding, and an account name
 *   must look opaque (no spaces);
 * - no string anywhere may contain an e-mail address or a mailto: IRI;
 * - strings may appear only at allow-listed places: ids and IRIs, language maps of verbs and
 *   definitions, result.response (short), duration, timestamps, context ids and our own string
 *   extensions (STRING_EXTENSIONS); any other string is reported as possible free text;
 * - no string longer than MAX_TEXT characters (free text, or a base64 blob);
 * - no array of more than MAX_NUMBERS numbers (a pose or pointer stream), no array longer than
 *   MAX_ARRAY, no attachments (audio, video), no keys that name poses, audio or video frames.
 */
import { EXTENSIONS, STRING_EXTENSIONS } from './profile'

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

export interface PrivacyFinding {
  path: string
  reason: string
}

export const MAX_TEXT = 300
export const MAX_RESPONSE = 200
export const MAX_NUMBERS = 8
export const MAX_ARRAY = 50

const EMAIL = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[a-z]{2,}/i
const MEDIA_KEY = /pose|audio|video|frame|sample|stream|transcript|recording|webcam|microphone/i
const IFI_OR_NAME = ['mbox', 'mbox_sha1sum', 'openid', 'name'] as const

/** Where strings may be, as normalised paths: [n] -> [], language-map keys -> *. */
const ALLOWED_STRINGS = new Set<string>(
  [
    'id', 'timestamp', 'stored', 'version',
    'actor.objectType', 'actor.account.homePage', 'actor.account.name',
    'verb.id', 'verb.display.*',
    'result.response', 'result.duration',
    'context.registration', 'context.revision', 'context.platform', 'context.language',
    'context.team.objectType', 'context.team.account.homePage', 'context.team.account.name',
    'context.contextGroups[].objectType', 'context.contextGroups[].group.objectType', 'context.contextGroups[].group.account.homePage',
    'context.contextGroups[].group.account.name', 'context.contextGroups[].relevantTypes[]',
    'context.statement.objectType', 'context.statement.id',
    ...['object', 'context.contextActivities.parent[]', 'context.contextActivities.grouping[]', 'context.contextActivities.category[]', 'context.contextActivities.other[]'].flatMap((base) => [
      `${base}.objectType`, `${base}.id`, `${base}.definition.name.*`, `${base}.definition.description.*`, `${base}.definition.type`,
      `${base}.definition.interactionType`, `${base}.definition.moreInfo`,
    ]),
  ],
)
/** Agents and groups: objects at these normalised paths are checked for names and e-mail IFIs. */
const AGENT_PATHS = new Set(['actor', 'authority', 'object', 'context.instructor', 'context.team', 'context.contextGroups[].group', 'context.contextAgents[].agent', 'actor.member[]', 'context.team.member[]'])
const LANGUAGE_MAPS = new Set(['display', 'name', 'description'])

/** An agent or group wherever it sits: an IFI, a member list or its objectType says so. */
const looksLikeAgent = (value: Record<string, unknown>) =>
  value.objectType === 'Agent' || value.objectType === 'Group' || ['mbox', 'mbox_sha1sum', 'openid', 'account', 'member'].some((key) => value[key] !== undefined)

/** Checks one statement; an empty list means nothing private was found. */
export function checkPrivacy(statement: unknown, root = 'statement'): PrivacyFinding[] {
  const findings: PrivacyFinding[] = []
  const report = (path: string, reason: string) => findings.push({ path: path ? `${root}.${path}` : root, reason })

  const walk = (value: unknown, path: string, norm: string, inExtension: string | null, inLanguageMap: boolean): void => {
    if (typeof value === 'string') {
      if (EMAIL.test(value) || /^mailto:/i.test(value)) report(path, 'looks like an e-mail address')
      if (value.length > (norm === 'result.response' ? MAX_RESPONSE : MAX_TEXT)) report(path, `is ${value.length} characters long: free text?`)
      const allowed = inExtension !== null ? STRING_EXTENSIONS.has(inExtension) || inExtension === EXTENSIONS.misconception || inExtension === EXTENSIONS.summary : ALLOWED_STRINGS.has(norm)
      if (!allowed) report(path, 'is a string outside the allow-list: free text?')
      return
    }
    if (Array.isArray(value)) {
      const numbers = value.filter((v) => typeof v === 'number').length
      if (numbers > MAX_NUMBERS) report(path, `holds ${numbers} numbers: a pose or pointer stream? Summarise it instead`)
      else if (value.length > MAX_ARRAY) report(path, `holds ${value.length} entries: per-frame data?`)
      value.forEach((item, i) => walk(item, `${path}[${i}]`, `${norm}[]`, inExtension, false))
      return
    }
    if (!isObject(value)) return
    if ((AGENT_PATHS.has(norm) && (norm !== 'object' || value.objectType === 'Agent' || value.objectType === 'Group')) || looksLikeAgent(value)) {
      for (const key of IFI_OR_NAME) if (value[key] !== undefined) report(`${path}.${key}`, key === 'name' ? 'a person or group name; use an account with a pseudonym' : `${key} identifies a person; use an account with a pseudonym`)
      const account = value.account
      if (isObject(account) && typeof account.name === 'string' && /\s/.test(account.name)) report(`${path}.account.name`, 'contains spaces: a real name instead of an opaque pseudonym?')
    }
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key
      if (key === 'attachments' && !path) {
        report(childPath, 'attachments can carry audio, video or documents; Benchtop sends none')
        continue
      }
      if (inExtension !== null && MEDIA_KEY.test(key)) report(childPath, 'names media or a pose stream')
      if (key === 'extensions' && inExtension === null && isObject(child)) {
        for (const [iri, extValue] of Object.entries(child)) {
          if (MEDIA_KEY.test(iri)) report(`${childPath}.${iri}`, 'names media or a pose stream')
          walk(extValue, `${childPath}.${iri}`, `${norm}.extensions.*`, iri, false)
        }
        continue
      }
      const childNorm = inLanguageMap ? `${norm}.*` : norm ? `${norm}.${key}` : key
      walk(child, childPath, childNorm, inExtension, inExtension === null && LANGUAGE_MAPS.has(key) && !AGENT_PATHS.has(norm) && isObject(child))
    }
  }

  walk(statement, '', '', null, false)
  return findings
}

/** Throws with every finding when a statement is not private. */
export function assertPrivate(statement: unknown): void {
  const findings = checkPrivacy(statement)
  if (findings.length) throw new Error(`Statement is not private: ${findings.map((f) => `${f.path} ${f.reason}`).join('; ')}`)
}

/**
 * What the hub requires of a statement from a station key (and the station of itself before it
 * queues one): the privacy rules above, and an actor that is an account under the hub's home page
 * with nothing else beside it.
 */
export function checkStationStatement(statement: unknown, homePage: string, root = 'statement'): PrivacyFinding[] {
  const findings = checkPrivacy(statement, root)
  const actor = isObject(statement) ? statement.actor : undefined
  const account = isObject(actor) ? actor.account : undefined
  if (!isObject(actor)) findings.push({ path: `${root}.actor`, reason: 'is missing: the actor must be an account with a pseudonym' })
  else if (!isObject(account) || typeof account.name !== 'string') findings.push({ path: `${root}.actor.account`, reason: 'is missing: the actor must be an account with a pseudonym' })
  else {
    if (account.homePage !== homePage) findings.push({ path: `${root}.actor.account.homePage`, reason: `must be the hub's ${JSON.stringify(homePage)}` })
    const extra = Object.keys(actor).filter((key) => key !== 'account' && key !== 'objectType')
    for (const key of extra) if (!findings.some((f) => f.path === `${root}.actor.${key}`)) findings.push({ path: `${root}.actor.${key}`, reason: 'is not allowed: the actor is an account and nothing else' })
    if (actor.objectType !== undefined && actor.objectType !== 'Agent') findings.push({ path: `${root}.actor.objectType`, reason: 'must be Agent: a station speaks for one student' })
  }
  return findings
}
