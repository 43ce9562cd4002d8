import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { durationProblem, isLanguageTag, pickVersion, statementForVersion, timestampProblem, validateStatement, validateStatements, type Statement, type XapiVersion } from '../../src/shared/xapi'

const VERSIONS: XapiVersion[] = ['1.0.3', '2.0.0']

/** A full, valid statement using most of the 1.0.3 surface. */
function full(): Record<string, unknown> {
  return {
    id: '0c6f1f7e-6a1b-4d1e-9a3c-2b8e6d2f4a10',
    actor: { objectType: 'Agent', account: { homePage: 'https://hub.school.example', name: 'swift-otter-42' } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { en: 'answered', 'en-US': 'answered', 'zh-Hant-TW': '回答' } },
    object: {
      objectType: 'Activity',
      id: 'https://w3id.org/benchtop/xapi/tasks/measure/1',
      definition: {
        name: { en: 'Place the block at 3' },
        description: { en: 'A placement task' },
        type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
        interactionType: 'choice',
        correctResponsesPattern: ['a'],
        choices: [{ id: 'a', description: { en: 'A' } }, { id: 'b' }],
        extensions: { 'https://w3id.org/benchtop/xapi/extensions/seed': 7 },
      },
    },
    result: { score: { scaled: 0.5, raw: 5, min: 0, max: 10 }, success: true, completion: true, response: 'a', duration: 'PT12.34S', extensions: { 'https://example.org/x': null } },
    context: {
      registration: '9d1b7e2c-3f4a-4b5c-8d6e-7f8091a2b3c4',
      instructor: { mbox: 'mailto:teacher@school.example' },
      team: { objectType: 'Group', account: { homePage: 'https://hub.school.example', name: 'class-7b' } },
      contextActivities: { parent: [{ id: 'https://example.org/skill' }], grouping: { id: 'https://example.org/scene' }, category: [{ id: 'https://example.org/profile' }] },
      revision: '1.0.0',
      platform: 'Benchtop',
      language: 'en-GB',
      statement: { objectType: 'StatementRef', id: '1c6f1f7e-6a1b-4d1e-9a3c-2b8e6d2f4a10' },
      extensions: { 'https://w3id.org/benchtop/xapi/extensions/station-id': 'station-3', 'urn:x-benchtop:anything': { nested: [1, 2] } },
    },
    timestamp: '2024-05-01T09:30:00.123Z',
    version: '1.0.3',
  }
}

const errorsOf = (stmt: unknown, version: XapiVersion = '1.0.3') => {
  const r = validateStatement(stmt, version)
  return r.ok ? [] : r.errors
}

/** Applies a change to a fresh full statement. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests reach into arbitrary JSON
type Loose = Record<string, any>

function mutate(change: (s: Loose) => void): Record<string, unknown> {
  const s = full() as Loose
  change(s)
  return s
}

describe('validateStatement: good statements', () => {
  it.each(VERSIONS)('accepts a full statement (%s)', (version) => {
    expect(errorsOf(full(), version)).toEqual([])
  })

  it('accepts the minimum: actor, verb, object', () => {
    const min = { actor: { mbox: 'mailto:a@b.example' }, verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' }, object: { id: 'http://example.org/a' } }
    for (const v of VERSIONS) expect(errorsOf(min, v)).toEqual([])
  })

  it('accepts each IFI, groups, and Agent/Group/StatementRef/SubStatement objects', () => {
    const ok: unknown[] = [
      mutate((s) => (s.actor = { mbox_sha1sum: 'ebd31e95054c018b10727ccffd2ef2ec3a016ee9' })),
      mutate((s) => (s.actor = { openid: 'http://openid.example.org/12345' })),
      mutate((s) => (s.actor = { objectType: 'Group', name: 'pair', member: [{ mbox: 'mailto:a@b.example' }, { account: { homePage: 'https://h.example', name: 'x' } }] })),
      mutate((s) => (s.actor = { objectType: 'Group', mbox: 'mailto:group@b.example' })),
      mutate((s) => {
        s.object = { objectType: 'Agent', account: { homePage: 'https://h.example', name: 'y' } }
        delete s.context.revision
        delete s.context.platform
      }),
      mutate((s) => {
        s.object = { objectType: 'StatementRef', id: '2c6f1f7e-6a1b-4d1e-9a3c-2b8e6d2f4a10' }
        delete s.context.revision
        delete s.context.platform
      }),
      mutate((s) => {
        s.object = {
          objectType: 'SubStatement',
          actor: { mbox: 'mailto:a@b.example' },
          verb: { id: 'http://example.org/will-visit' },
          object: { id: 'http://example.org/museum' },
          timestamp: '2030-01-01T00:00:00Z',
          context: { platform: 'x', revision: 'y' },
        }
        delete s.context.revision
        delete s.context.platform
      }),
      mutate((s) => (s.verb = { id: 'http://adlnet.gov/expapi/verbs/voided' }) && (s.object = { objectType: 'StatementRef', id: '2c6f1f7e-6a1b-4d1e-9a3c-2b8e6d2f4a10' }) && delete s.context.revision && delete s.context.platform),
      mutate((s) => (s.attachments = [{ usageType: 'http://example.com/usage', display: { en: 'x' }, contentType: 'text/plain; charset=ascii', length: 27, sha2: 'a'.repeat(64), fileUrl: 'http://over.there.com/file.txt' }])),
      mutate((s) => (s.authority = { objectType: 'Group', member: [{ account: { homePage: 'http://oauth.example', name: 'consumer' } }, { mbox: 'mailto:user@example.org' }] })),
    ]
    for (const stmt of ok) for (const v of VERSIONS) expect(errorsOf(stmt, v)).toEqual([])
  })

  it('accepts UUIDs of any variant and version, upper or lower case', () => {
    for (const id of ['00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-1FFF-CFFF-FFFFFFFFFFFF', '6ba7b810-9dad-11d1-80b4-00c04fd430c8', '01890a5d-ac96-774b-bcce-b302099a8057'])
      expect(errorsOf(mutate((s) => (s.id = id)))).toEqual([])
  })

  it('accepts a 2.0 context with contextAgents and contextGroups under 2.0.0', () => {
    const stmt = mutate((s) => {
      s.version = '2.0.0'
      s.context.contextAgents = [{ objectType: 'contextAgent', agent: { mbox: 'mailto:t@s.example' }, relevantTypes: ['https://example.org/instructor'] }]
      s.context.contextGroups = [{ objectType: 'contextGroup', group: { objectType: 'Group', account: { homePage: 'https://h.example', name: 'class' } } }]
    })
    expect(errorsOf(stmt, '2.0.0')).toEqual([])
  })

  it('accepts timestamps in ISO 8601 extended, basic and RFC 3339 forms, with or without offset', () => {
    for (const t of ['2024-05-01T09:30:00Z', '2024-05-01T09:30:00.123456+02:00', '2024-02-29T23:59:60.5-05:00', '2008-09-15 15:53:00.601+00:00', '20240501T093000Z', '2024-05-01T09:30+0100', '2024-05-01T09:30:00'])
      expect(errorsOf(mutate((s) => (s.timestamp = t)))).toEqual([])
  })

  it('accepts extension values of any kind, null and empty included', () => {
    expect(errorsOf(mutate((s) => (s.result.extensions = { 'http://e.example/a': null, 'http://e.example/b': {}, 'http://e.example/c': '' })))).toEqual([])
  })
})

describe('validateStatement: bad statements name the failing path', () => {
  const cases: [string, (s: Loose) => void, string, XapiVersion?][] = [
    ['scaled above 1', (s) => (s.result.score.scaled = 1.5), 'statement.result.score.scaled: 1.5 is outside [-1, 1]'],
    ['scaled below -1', (s) => (s.result.score.scaled = -1.01), 'statement.result.score.scaled: -1.01 is outside [-1, 1]'],
    ['raw above max', (s) => (s.result.score.raw = 11), 'statement.result.score.raw: 11 is greater than max 10'],
    ['raw below min', (s) => (s.result.score.raw = -1), 'statement.result.score.raw: -1 is less than min 0'],
    ['min above max', (s) => (s.result.score = { min: 5, max: 1 }), 'statement.result.score.min: 5 is greater than max 1'],
    ['score not a number', (s) => (s.result.score.raw = '5'), 'statement.result.score.raw: must be a number, got "5"'],
    ['bad duration', (s) => (s.result.duration = 'PA1H0M0S'), 'statement.result.duration:'],
    ['duration as number', (s) => (s.result.duration = 12345), 'statement.result.duration:'],
    ['success not boolean', (s) => (s.result.success = 'yes'), 'statement.result.success: must be true or false'],
    ['no actor', (s) => delete s.actor, 'statement.actor: is required'],
    ['no verb', (s) => delete s.verb, 'statement.verb: is required'],
    ['no object', (s) => delete s.object, 'statement.object: is required'],
    ['two IFIs', (s) => (s.actor = { mbox: 'mailto:a@b.example', openid: 'http://o.example/1' }), 'statement.actor: must have exactly one identifier'],
    ['no IFI', (s) => (s.actor = { name: 'Ann' }), 'statement.actor: an Agent needs exactly one identifier'],
    ['mbox without mailto', (s) => (s.actor = { mbox: 'a@b.example' }), 'statement.actor.mbox: must be a mailto: IRI'],
    ['sha1 too short', (s) => (s.actor = { mbox_sha1sum: 'abc' }), 'statement.actor.mbox_sha1sum: must be 40 hexadecimal digits'],
    ['account without homePage', (s) => (s.actor = { account: { name: 'x' } }), 'statement.actor.account.homePage: is required'],
    ['account homePage not an IRL', (s) => (s.actor.account.homePage = 'hub.school'), 'statement.actor.account.homePage: must be an IRL'],
    ['account name not a string', (s) => (s.actor.account.name = 42), 'statement.actor.account.name: must be a string'],
    ['anonymous group without members', (s) => (s.actor = { objectType: 'Group', name: 'g' }), 'statement.actor.member: an anonymous Group'],
    ['group member is a group', (s) => (s.actor = { objectType: 'Group', member: [{ objectType: 'Group', member: [{ mbox: 'mailto:a@b.c' }] }] }), 'statement.actor.member[0].objectType: must be "Agent" here'],
    ['actor objectType wrong case', (s) => (s.actor.objectType = 'agent'), 'statement.actor.objectType: must be "Agent" or "Group"'],
    ['member on an Agent', (s) => (s.actor.member = []), 'statement.actor.member: is not a property of an Agent'],
    ['verb id not an IRI', (s) => (s.verb.id = 'answered'), 'statement.verb.id: must be an IRI'],
    ['verb display bad tag', (s) => (s.verb.display = { a12345: 'x' }), 'statement.verb.display.a12345: "a12345" is not an RFC 5646 language tag'],
    ['verb display empty', (s) => (s.verb.display = {}), 'statement.verb.display: must be a language map with at least one entry'],
    ['verb display a string', (s) => (s.verb.display = 'answered'), 'statement.verb.display: must be a language map'],
    ['activity id missing', (s) => delete s.object.id, 'statement.object.id: is required'],
    ['activity objectType wrong case', (s) => (s.object.objectType = 'activity'), 'statement.object.objectType: must be one of Activity'],
    ['unknown interactionType', (s) => (s.object.definition.interactionType = 'essay'), 'statement.object.definition.interactionType: must be one of'],
    ['components for the wrong type', (s) => (s.object.definition.interactionType = 'likert'), 'statement.object.definition.choices: is not used with interactionType "likert"'],
    ['duplicate component ids', (s) => (s.object.definition.choices = [{ id: 'a' }, { id: 'a' }]), 'statement.object.definition.choices[1].id: "a" appears twice'],
    ['pattern without interactionType', (s) => (delete s.object.definition.interactionType, delete s.object.definition.choices), 'statement.object.definition.correctResponsesPattern: needs an interactionType'],
    ['agent object without objectType', (s) => (s.object = { mbox: 'mailto:a@b.example' }), 'statement.object.id: is required'],
    ['StatementRef with a bad id', (s) => (s.object = { objectType: 'StatementRef', id: 'not-a-uuid' }), 'statement.object.id: must be a UUID'],
    ['nested SubStatement', (s) => (s.object = { objectType: 'SubStatement', actor: s.actor, verb: s.verb, object: { objectType: 'SubStatement', actor: s.actor, verb: s.verb, object: { id: 'http://e.x/a' } } }), 'statement.object.object.objectType: a SubStatement cannot contain another SubStatement'],
    ['SubStatement with id', (s) => (s.object = { objectType: 'SubStatement', id: s.id, actor: s.actor, verb: s.verb, object: { id: 'http://e.x/a' } }), 'statement.object.id: is not allowed in a SubStatement'],
    ['SubStatement with version', (s) => (s.object = { objectType: 'SubStatement', version: '1.0.0', actor: s.actor, verb: s.verb, object: { id: 'http://e.x/a' } }), 'statement.object.version: is not allowed in a SubStatement'],
    ['SubStatement with authority', (s) => (s.object = { objectType: 'SubStatement', authority: s.actor, actor: s.actor, verb: s.verb, object: { id: 'http://e.x/a' } }), 'statement.object.authority: is not allowed in a SubStatement'],
    ['SubStatement with stored', (s) => (s.object = { objectType: 'SubStatement', stored: s.timestamp, actor: s.actor, verb: s.verb, object: { id: 'http://e.x/a' } }), 'statement.object.stored: is not allowed in a SubStatement'],
    ['revision with an Agent object', (s) => (s.object = { objectType: 'Agent', mbox: 'mailto:a@b.example' }), 'statement.context.revision: is only allowed when the object is an Activity'],
    ['platform with a StatementRef object', (s) => (s.object = { objectType: 'StatementRef', id: s.id }), 'statement.context.platform: is only allowed when the object is an Activity'],
    ['registration not a UUID', (s) => (s.context.registration = 'run-1'), 'statement.context.registration: must be a UUID'],
    ['bad context language', (s) => (s.context.language = 'english please'), 'statement.context.language: must be an RFC 5646 language tag'],
    ['unknown contextActivities key', (s) => (s.context.contextActivities.sibling = [{ id: 'http://e.x/a' }]), 'statement.context.contextActivities.sibling: is not a property'],
    ['empty contextActivities', (s) => (s.context.contextActivities = {}), 'statement.context.contextActivities: must not be an empty object'],
    ['context activity without id', (s) => (s.context.contextActivities.parent = [{ definition: { name: { en: 'x' } } }]), 'statement.context.contextActivities.parent[0].id: is required'],
    ['team without objectType', (s) => (s.context.team = { account: { homePage: 'https://h.example', name: 'c' } }), 'statement.context.team.objectType: must be "Group" here'],
    ['context.statement not a ref', (s) => (s.context.statement = { id: s.id }), 'statement.context.statement.objectType: must be "StatementRef"'],
    ['extension key not an IRI', (s) => (s.context.extensions = { stationId: 'x' }), 'statement.context.extensions.stationId: extension keys must be IRIs'],
    ['contextAgents under 1.0.3', (s) => (s.context.contextAgents = [{ objectType: 'contextAgent', agent: { mbox: 'mailto:a@b.example' } }]), 'statement.context.contextAgents: is an xAPI 2.0 property', '1.0.3'],
    ['contextGroups under 1.0.3', (s) => (s.context.contextGroups = []), 'statement.context.contextGroups: is an xAPI 2.0 property', '1.0.3'],
    ['contextAgent wrong objectType', (s) => (s.context.contextAgents = [{ objectType: 'Agent', agent: { mbox: 'mailto:a@b.example' } }]), 'statement.context.contextAgents[0].objectType: must be "contextAgent"', '2.0.0'],
    ['contextAgent empty relevantTypes', (s) => (s.context.contextAgents = [{ objectType: 'contextAgent', agent: { mbox: 'mailto:a@b.example' }, relevantTypes: [] }]), 'statement.context.contextAgents[0].relevantTypes: must be a non-empty array', '2.0.0'],
    ['contextAgent relevantTypes not IRIs', (s) => (s.context.contextAgents = [{ objectType: 'contextAgent', agent: { mbox: 'mailto:a@b.example' }, relevantTypes: ['abc'] }]), 'statement.context.contextAgents[0].relevantTypes[0]: must be an IRI', '2.0.0'],
    ['contextAgent bad agent', (s) => (s.context.contextAgents = [{ objectType: 'contextAgent', agent: { key: 'x' } }]), 'statement.context.contextAgents[0].agent.key: is not a property of an Agent', '2.0.0'],
    ['contextGroup group without objectType', (s) => (s.context.contextGroups = [{ objectType: 'contextGroup', group: { mbox: 'mailto:a@b.example' } }]), 'statement.context.contextGroups[0].group.objectType: must be "Group" here', '2.0.0'],
    ['timestamp not a date', (s) => (s.timestamp = '01/011/2015'), 'statement.timestamp:'],
    ['timestamp month 13', (s) => (s.timestamp = '2024-13-01T00:00:00Z'), 'statement.timestamp: "2024-13-01T00:00:00Z" has month 13'],
    ['timestamp Feb 30', (s) => (s.timestamp = '2023-02-29T00:00:00Z'), 'has day 29, not in month 2'],
    ['timestamp -00:00 offset', (s) => (s.timestamp = '2008-09-15T15:53:00.601-00:00'), 'which means "unknown"'],
    ['timestamp -0000 offset', (s) => (s.timestamp = '2008-09-15T15:53:00.601-0000'), 'which means "unknown"'],
    ['timestamp -00 offset', (s) => (s.timestamp = '2008-09-15T15:53:00.601-00'), 'which means "unknown"'],
    ['stored not a date', (s) => (s.stored = 'yesterday'), 'statement.stored:'],
    ['id not a UUID', (s) => (s.id = '0c6f1f7e6a1b4d1e9a3c2b8e6d2f4a10'), 'statement.id: must be a UUID'],
    ['id empty', (s) => (s.id = ''), 'statement.id: must be a UUID'],
    ['unknown top-level property', (s) => (s.foo = 1), 'statement.foo: is not a property of a Statement'],
    ['wrong-case property', (s) => ((s.Actor = s.actor), delete s.actor), 'statement.Actor: is not allowed; property names are case-sensitive (did you mean "actor"?)'],
    ['null outside extensions', (s) => (s.result.response = null), 'statement.result.response: must not be null'],
    ['null context', (s) => (s.context = null), 'statement.context: must be a Context'],
    ['empty result', (s) => (s.result = {}), 'statement.result: must not be an empty object'],
    ['version 0.9.9', (s) => (s.version = '0.9.9'), 'statement.version: must be 1.0 or 1.0.x, got "0.9.9"', '1.0.3'],
    ['version 1.1.0', (s) => (s.version = '1.1.0'), 'statement.version: must be', '1.0.3'],
    ['version 2.0.0 under 1.0.3', (s) => (s.version = '2.0.0'), 'statement.version: must be 1.0 or 1.0.x, got "2.0.0"', '1.0.3'],
    ['version 3.0.0 under 2.0.0', (s) => (s.version = '3.0.0'), 'statement.version: must be 1.0.x or 2.0.x', '2.0.0'],
    ['voided verb with an Activity', (s) => (s.verb = { id: 'http://adlnet.gov/expapi/verbs/voided' }), 'statement.object: a voiding statement (verb voided) must have a StatementRef object'],
    ['authority group of three', (s) => (s.authority = { objectType: 'Group', member: [{ mbox: 'mailto:a@b.c' }, { mbox: 'mailto:b@b.c' }, { mbox: 'mailto:c@b.c' }] }), 'statement.authority.member: an authority Group must have exactly two Agents'],
    ['attachment without sha2', (s) => (s.attachments = [{ usageType: 'http://e.x/u', display: { en: 'x' }, contentType: 'text/plain', length: 1 }]), 'statement.attachments[0].sha2: is required'],
    ['attachment length fraction', (s) => (s.attachments = [{ usageType: 'http://e.x/u', display: { en: 'x' }, contentType: 'text/plain', length: 1.5, sha2: 'a'.repeat(64) }]), 'statement.attachments[0].length: must be a whole number'],
    ['moreInfo not an IRL', (s) => (s.object.definition.moreInfo = 'see docs'), 'statement.object.definition.moreInfo: must be an IRL'],
  ]

  it.each(cases)('%s', (_name, change, expected, version) => {
    const versions = version ? [version] : VERSIONS
    for (const v of versions) {
      const errors = errorsOf(mutate(change), v)
      expect(errors.length, `${v}: expected an error containing ${expected}`).toBeGreaterThan(0)
      expect(errors.some((e) => e.includes(expected)), `${v}: ${errors.join(' | ')}`).toBe(true)
    }
  })

  it('refuses a non-object statement', () => {
    expect(errorsOf([])).toEqual(['statement: must be a JSON object, got []'])
    expect(errorsOf('x')[0]).toContain('must be a JSON object')
  })

  it('requires a time zone only when asked', () => {
    const s = mutate((x) => (x.timestamp = '2024-05-01T09:30:00'))
    expect(validateStatement(s, '1.0.3').ok).toBe(true)
    const r = validateStatement(s, '1.0.3', { requireTimezone: true })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors[0]).toMatch(/^statement\.timestamp: .* has no time zone/)
  })

  it('uses the given root and caps the number of errors', () => {
    const s = { foo: 1, bar: 2, baz: 3 }
    const r = validateStatement(s, '2.0.0', { root: 'body', maxErrors: 2 })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.errors).toHaveLength(2)
      expect(r.errors[0]!.startsWith('body.')).toBe(true)
    }
  })
})

describe('validateStatements (batches)', () => {
  it('prefixes each error with its index and finds duplicate ids', () => {
    const good = full()
    const bad = mutate((s) => (s.result.score.scaled = 2))
    const dup = { ...full() }
    const r = validateStatements([good, { ...bad, id: '3c6f1f7e-6a1b-4d1e-9a3c-2b8e6d2f4a10' }, dup], '1.0.3')
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.errors).toContain('statement[1].result.score.scaled: 2 is outside [-1, 1]')
      expect(r.errors.some((e) => e.startsWith('statement[2].id:') && e.includes('statement[0]'))).toBe(true)
    }
    expect(validateStatements([good], '2.0.0')).toEqual({ ok: true })
    expect(validateStatements({}, '2.0.0').ok).toBe(false)
  })
})

describe('formats', () => {
  it('language tags follow RFC 5646', () => {
    for (const tag of ['en', 'en-US', 'zh-Hant-TW', 'sr-Latn-RS', 'es-419', 'de-CH-1901', 'x-private', 'i-klingon', 'en-a-bbb-x-a-ccc', 'zh-yue-HK', 'und']) expect(isLanguageTag(tag), tag).toBe(true)
    for (const tag of ['', 'a12345', 'e', 'en_US', 'en-', '-en', 'english language', 'en-US-', 'abcdefghi', '123']) expect(isLanguageTag(tag), tag).toBe(false)
  })

  it('durations follow ISO 8601:2004 4.4.3.2', () => {
    for (const d of ['PT1H0M0.1S', 'PT4H35M59.14S', 'PT16559.14S', 'P3Y1M29DT4H35M59.14S', 'P3Y', 'P4W', 'PT0S', 'P1D', 'PT0,5S']) expect(durationProblem(d), d).toBeNull()
    for (const d of ['PA1H0M0S', 'P', 'PT', 'P1DT', '1H', 'PT1.5H30M', 'P1W1D', 'PT-1S', 'pt1s', 'P1Y2W']) expect(durationProblem(d), d).not.toBeNull()
  })

  it('property: scaled scores validate exactly when within [-1, 1]', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -3, max: 3 }), (scaled) => {
        const ok = validateStatement(mutate((s) => (s.result.score = { scaled })), '2.0.0').ok
        return ok === (scaled >= -1 && scaled <= 1)
      }),
    )
  })

  it('property: raw validates exactly when min <= raw <= max', () => {
    fc.assert(
      fc.property(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 }), (raw, min, max) => {
        const ok = validateStatement(mutate((s) => (s.result.score = { raw, min, max })), '1.0.3').ok
        return ok === (min <= max && raw >= min && raw <= max)
      }),
    )
  })

  it('property: every UUID fast-check makes (all versions and variants) is accepted', () => {
    fc.assert(fc.property(fc.uuid(), (id) => validateStatement(mutate((s) => (s.id = id)), '1.0.3').ok))
  })

  it('property: any Date, written by toISOString, is a valid timestamp with a zone', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (date) => timestampProblem(date.toISOString(), true) === null),
    )
  })
})

describe('version handling', () => {
  it('pickVersion prefers 2.0.0, falls back to 1.0.x, else null', () => {
    expect(pickVersion(['1.0.3', '2.0.0'])).toBe('2.0.0')
    expect(pickVersion(['1.0.0', '1.0.1', '1.0.3'])).toBe('1.0.3')
    expect(pickVersion(['2.0'])).toBe('2.0.0')
    expect(pickVersion(['0.95'])).toBeNull()
    expect(pickVersion('2.0.0')).toBeNull()
  })

  it('statementForVersion strips 2.0-only fields for 1.0.3, leaves the input alone, and keeps 2.0 as is', () => {
    const stmt = mutate((s) => {
      s.version = '2.0.0'
      s.context.contextGroups = [{ objectType: 'contextGroup', group: { objectType: 'Group', account: { homePage: 'https://h.example', name: 'c' } } }]
      s.context.contextAgents = [{ objectType: 'contextAgent', agent: { mbox: 'mailto:a@b.example' } }]
    }) as unknown as Statement
    const before = JSON.stringify(stmt)
    expect(statementForVersion(stmt, '2.0.0')).toBe(stmt)
    const old = statementForVersion(stmt, '1.0.3')
    expect(JSON.stringify(stmt)).toBe(before)
    expect(old.context && 'contextGroups' in old.context).toBe(false)
    expect(old.context && 'contextAgents' in old.context).toBe(false)
    expect(old.version).toBeUndefined()
    expect(validateStatement(old, '1.0.3')).toEqual({ ok: true })
    // A context holding only 2.0 fields goes away entirely (an empty object is not allowed).
    const only = statementForVersion({ ...stmt, context: { contextAgents: stmt.context!.contextAgents } } as Statement, '1.0.3')
    expect(only.context).toBeUndefined()
  })
})
