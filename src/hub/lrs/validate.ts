/**
 * Statement validation for the LRS. The full xAPI validator lives in src/shared/xapi (written
 * separately); until it is there this is a structural stand-in with the same signature, so
 * that swapping it in is a one-line change of the import below.
 */
import { isObject, type JsonObject } from './agents'
import { isIri, UUID_PATTERN } from './request'

export type XapiVersion = '1.0.3' | '2.0.0'
export type ValidationResult = { ok: true } | { ok: false; errors: string[] }
export type StatementValidator = (statement: unknown, version: XapiVersion) => ValidationResult

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/i
const STATEMENT_PROPS = ['id', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'stored', 'authority', 'version', 'attachments']
const SUBSTATEMENT_PROPS = ['objectType', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'attachments']
const IFIS = ['mbox', 'mbox_sha1sum', 'openid', 'account']

export const validateStatementStandIn: StatementValidator = (statement, version) => {
  const errors: string[] = []
  const err = (path: string, message: string) => errors.push(`${path}: ${message}`)

  const agent = (value: unknown, path: string, allowGroup: boolean) => {
    if (!isObject(value)) return err(path, 'must be an Agent or Group object')
    const type = value.objectType ?? 'Agent'
    if (type !== 'Agent' && !(allowGroup && type === 'Group')) return err(`${path}.objectType`, `must be Agent${allowGroup ? ' or Group' : ''}`)
    const ifis = IFIS.filter((name) => value[name] !== undefined)
    if (ifis.length > 1) err(path, `must have at most one identifier, has ${ifis.join(', ')}`)
    if (type === 'Agent' && ifis.length !== 1) err(path, 'an Agent needs exactly one of mbox, mbox_sha1sum, openid, account')
    if (value.mbox !== undefined && (typeof value.mbox !== 'string' || !/^mailto:[^@\s]+@[^@\s]+$/i.test(value.mbox))) err(`${path}.mbox`, 'must be a mailto: IRI')
    if (value.mbox_sha1sum !== undefined && (typeof value.mbox_sha1sum !== 'string' || !/^[0-9a-f]{40}$/i.test(value.mbox_sha1sum))) err(`${path}.mbox_sha1sum`, 'must be 40 hex digits')
    if (value.openid !== undefined && !isIri(value.openid)) err(`${path}.openid`, 'must be an IRI')
    if (value.account !== undefined) {
      const account = value.account
      if (!isObject(account)) err(`${path}.account`, 'must be an object')
      else {
        if (!isIri(account.homePage)) err(`${path}.account.homePage`, 'must be an IRL')
        if (typeof account.name !== 'string') err(`${path}.account.name`, 'must be a string')
      }
    }
    if (value.name !== undefined && typeof value.name !== 'string') err(`${path}.name`, 'must be a string')
    if (type === 'Group') {
      if (ifis.length === 0 && !Array.isArray(value.member)) err(`${path}.member`, 'an anonymous Group needs a member array')
      if (value.member !== undefined) {
        if (!Array.isArray(value.member)) err(`${path}.member`, 'must be an array')
        else value.member.forEach((member, i) => agent(member, `${path}.member[${i}]`, false))
      }
    }
  }
  const languageMap = (value: unknown, path: string) => {
    if (value === undefined) return
    if (!isObject(value)) return err(path, 'must be a language map')
    for (const [tag, text] of Object.entries(value)) {
      if (!/^[a-z]{1,8}(-[a-z0-9]{1,8})*$/i.test(tag)) err(`${path}.${tag}`, 'is not a language tag')
      if (typeof text !== 'string') err(`${path}.${tag}`, 'must be a string')
    }
  }
  const activity = (value: JsonObject, path: string) => {
    if (!isIri(value.id)) err(`${path}.id`, 'must be an IRI')
    if (value.definition !== undefined) {
      if (!isObject(value.definition)) err(`${path}.definition`, 'must be an object')
      else {
        languageMap(value.definition.name, `${path}.definition.name`)
        languageMap(value.definition.description, `${path}.definition.description`)
      }
    }
  }
  const body = (stmt: JsonObject, path: string, sub: boolean) => {
    const allowed = sub ? SUBSTATEMENT_PROPS : STATEMENT_PROPS
    for (const key of Object.keys(stmt)) if (!allowed.includes(key)) err(`${path}${key}`, sub ? 'is not allowed in a SubStatement' : 'is not a Statement property')
    if (!sub && stmt.id !== undefined && (typeof stmt.id !== 'string' || !UUID_PATTERN.test(stmt.id))) err(`${path}id`, 'must be a UUID')
    if (stmt.actor === undefined) err(`${path}actor`, 'is required')
    else agent(stmt.actor, `${path}actor`, true)
    if (!isObject(stmt.verb)) err(`${path}verb`, 'is required and must be an object')
    else {
      if (!isIri(stmt.verb.id)) err(`${path}verb.id`, 'must be an IRI')
      languageMap(stmt.verb.display, `${path}verb.display`)
    }
    const object = stmt.object
    if (!isObject(object)) err(`${path}object`, 'is required and must be an object')
    else {
      const type = object.objectType ?? 'Activity'
      if (type === 'Activity') activity(object, `${path}object`)
      else if (type === 'Agent' || type === 'Group') agent(object, `${path}object`, true)
      else if (type === 'StatementRef') {
        if (typeof object.id !== 'string' || !UUID_PATTERN.test(object.id)) err(`${path}object.id`, 'must be a UUID')
      } else if (type === 'SubStatement') {
        if (sub) err(`${path}object.objectType`, 'a SubStatement cannot contain a SubStatement')
        else body(object, `${path}object.`, true)
      } else err(`${path}object.objectType`, `"${String(type)}" is not an object type`)
    }
    for (const name of ['timestamp', 'stored'] as const) {
      const value = stmt[name]
      if (value !== undefined && (typeof value !== 'string' || !TIMESTAMP.test(value) || Number.isNaN(Date.parse(value)))) err(`${path}${name}`, 'must be an ISO 8601 timestamp with a time zone')
    }
    if (stmt.version !== undefined && (typeof stmt.version !== 'string' || !(version === '2.0.0' ? /^(1\.0(\.\d+)?|2\.0\.\d+)$/ : /^1\.0(\.\d+)?$/).test(stmt.version)))
      err(`${path}version`, `must be a supported xAPI version, got ${JSON.stringify(stmt.version)}`)
    if (stmt.authority !== undefined) agent(stmt.authority, `${path}authority`, true)
    if (stmt.context !== undefined) {
      if (!isObject(stmt.context)) err(`${path}context`, 'must be an object')
      else if (stmt.context.registration !== undefined && (typeof stmt.context.registration !== 'string' || !UUID_PATTERN.test(stmt.context.registration)))
        err(`${path}context.registration`, 'must be a UUID')
    }
    if (stmt.result !== undefined && !isObject(stmt.result)) err(`${path}result`, 'must be an object')
    if (isObject(stmt.verb) && stmt.verb.id === 'http://adlnet.gov/expapi/verbs/voided' && (!isObject(object) || object.objectType !== 'StatementRef'))
      err(`${path}object`, 'a voiding statement must have a StatementRef object')
  }
  if (!isObject(statement)) return { ok: false, errors: ['statement: must be a JSON object'] }
  body(statement, '', false)
  return errors.length ? { ok: false, errors } : { ok: true }
}

export const validateStatement: StatementValidator = validateStatementStandIn
