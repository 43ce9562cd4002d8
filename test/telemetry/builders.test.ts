import { describe, expect, it } from 'vitest'
import measure from '../../scenes/measure'
import { scenes } from '../../src/app/registry'
import type { TutorEvent, TutorEventType } from '../../src/core'
import { validateStatement, type ClientStatement, type XapiVersion } from '../../src/shared/xapi'
import { buildAll, buildStatements, isoDuration, type BuildContext } from '../../src/telemetry/builders'
import { checkPrivacy } from '../../src/telemetry/privacy'
import { ACTIVITY_TYPES, activityIds, EXTENSIONS, VERBS } from '../../src/telemetry/profile'
import { handMadeEvents, scriptedRun, START } from './scene-run'

const HOME = 'https://hub.school.example:8443'
const LEARNER = 'swift-otter-42'
const REGISTRATION = '6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e'

function counter(prefix = 0): () => string {
  let n = prefix
  return () => `00000000-0000-4000-8000-${(n++).toString(16).padStart(12, '0')}`
}

const ctxFor = (version: XapiVersion, extra: Partial<BuildContext> = {}): BuildContext => ({
  homePage: HOME,
  registration: REGISTRATION,
  stationId: 'station-3',
  classId: '7b',
  sceneTitle: 'Measure & Place',
  skillNames: Object.fromEntries(measure.skills.map((s) => [s.id, s.name])),
  uuid: counter(),
  version,
  sessionStartedAt: START,
  ...extra,
})

/** The profile's own rules, on top of the xAPI schema. */
function profileProblems(stmt: ClientStatement): string[] {
  const problems: string[] = []
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(stmt.timestamp ?? '')) problems.push(`timestamp ${stmt.timestamp} is not UTC with milliseconds`)
  const duration = stmt.result?.duration
  if (duration !== undefined && !/^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?$/.test(duration)) problems.push(`duration ${duration} has more than two decimals`)
  const scaled = stmt.result?.score?.scaled
  if (scaled !== undefined && (scaled < -1 || scaled > 1)) problems.push(`scaled ${scaled}`)
  const actor = stmt.actor
  if (!('account' in actor) || actor.account?.homePage !== HOME || Object.keys(actor).some((k) => !['objectType', 'account'].includes(k))) problems.push('actor is not account-only')
  if (stmt.context?.registration !== REGISTRATION) problems.push('registration missing')
  if (stmt.context?.extensions?.[EXTENSIONS.stationId] !== 'station-3') problems.push('station missing')
  if (stmt.context?.extensions?.[EXTENSIONS.classId] !== '7b') problems.push('class missing')
  if (stmt.verb.id === VERBS.answered.id && typeof stmt.result?.response !== 'string') problems.push('answered without a response')
  return problems
}

describe('buildStatements over full scripted runs of every registered scene', () => {
  for (const plugin of scenes) {
    for (const version of ['1.0.3', '2.0.0'] as const) {
      it(`${plugin.id} (${version}): every statement validates, follows the profile and is private`, () => {
        const events = scriptedRun(plugin, LEARNER)
        const statements = buildAll(events, ctxFor(version, { sceneTitle: plugin.title, skillNames: Object.fromEntries(plugin.skills.map((s) => [s.id, s.name])) }))
        expect(statements.length).toBeGreaterThan(50)
        const types = new Set(events.map((e) => e.type))
        for (const t of ['session-started', 'task-presented', 'attempt-assessed', 'hint-requested', 'scaffold-changed', 'skill-unlocked', 'goal-set', 'alert-raised', 'session-ended'] as TutorEventType[])
          expect(types.has(t), `the run emits ${t}`).toBe(true)
        const ids = new Set<string>()
        for (const stmt of statements) {
          for (const v of ['1.0.3', '2.0.0'] as const) {
            // 2.0 statements carry contextGroups, which only a 2.0 LRS takes (the transport strips them for 1.0.3).
            if (version === '2.0.0' && v === '1.0.3') continue
            const result = validateStatement(stmt, v, { requireTimezone: true })
            expect(result, `${v}: ${JSON.stringify(stmt)}`).toEqual({ ok: true })
          }
          expect(profileProblems(stmt), JSON.stringify(stmt)).toEqual([])
          expect(checkPrivacy(stmt), JSON.stringify(stmt)).toEqual([])
          expect(ids.has(stmt.id)).toBe(false)
          ids.add(stmt.id)
        }
        // The student's own answers are there for the teacher, in order.
        const answered = statements.filter((s) => s.verb.id === VERBS.answered.id)
        expect(answered).toHaveLength(events.filter((e) => e.type === 'attempt-assessed').length)
        const responses = events.filter((e): e is Extract<TutorEvent, { type: 'attempt-assessed' }> => e.type === 'attempt-assessed').map((e) => e.response)
        expect(answered.map((s) => s.result?.response)).toEqual(responses)
        // High-frequency input arrives only as per-attempt summaries.
        expect(answered.some((s) => s.result?.extensions?.[EXTENSIONS.pathLengthM] !== undefined)).toBe(true)
        const modes = new Set(answered.map((s) => s.context?.extensions?.[EXTENSIONS.inputMode]).filter(Boolean))
        expect(modes).toEqual(new Set(['mouse', 'touch', 'keyboard', 'xr-controller', 'xr-hand']))
      })
    }
  }

  it('hand-made events of every kind validate for both versions and are private', () => {
    const skill = measure.skills[0]!.id
    const events = handMadeEvents('measure', '1.0.0', LEARNER, skill)
    for (const version of ['1.0.3', '2.0.0'] as const) {
      const statements = buildAll(events, ctxFor(version))
      for (const stmt of statements) {
        expect(validateStatement(stmt, version, { requireTimezone: true }), JSON.stringify(stmt)).toEqual({ ok: true })
        expect(profileProblems(stmt)).toEqual([])
        expect(checkPrivacy(stmt)).toEqual([])
      }
      const verbs = statements.map((s) => s.verb.id)
      expect(verbs).toEqual(
        [
          VERBS.initialized, VERBS.attempted, VERBS.requestedHint, VERBS.answered, VERBS.changedScaffold, VERBS.changedDifficulty, VERBS.mastered,
          VERBS.unlocked, VERBS.setGoal, VERBS.raisedAlert, VERBS.raisedAlert, VERBS.suspended, VERBS.terminated, VERBS.completed, VERBS.terminated,
        ].map((v) => v.id),
      )
    }
  })
})

describe('buildStatements: shape of each statement', () => {
  const skill = measure.skills[0]!.id
  const events = handMadeEvents('measure', '1.0.0', LEARNER, skill)
  const byType = (type: TutorEventType) => events.find((e) => e.type === type)!

  it('an answer carries success, score, response, duration, mastery, hints, misconception and the interaction summary', () => {
    const [stmt] = buildStatements(byType('attempt-assessed'), ctxFor('2.0.0'))
    expect(stmt).toMatchObject({
      id: '00000000-0000-4000-8000-000000000000',
      actor: { objectType: 'Agent', account: { homePage: HOME, name: LEARNER } },
      verb: { id: VERBS.answered.id, display: { en: 'answered' } },
      object: { id: activityIds.task('measure', `measure/${skill}/2/abc`), definition: { type: ACTIVITY_TYPES.interaction, interactionType: 'other', name: { en: 'Put it at 3.' } } },
      result: {
        success: false,
        completion: false,
        score: { scaled: 0.5, raw: 0.5, min: 0, max: 1 },
        response: 'placed at 4',
        duration: 'PT12.35S',
        extensions: {
          [EXTENSIONS.masteryBefore]: 0.3,
          [EXTENSIONS.masteryAfter]: 0.25,
          [EXTENSIONS.hintsUsed]: 1,
          [EXTENSIONS.timeToFirstActionMs]: 1500,
          [EXTENSIONS.adjustments]: 3,
          [EXTENSIONS.pathLengthM]: 0.457,
          [EXTENSIONS.misconception]: { id: 'measure.counts-marks-not-spaces' },
        },
      },
      context: {
        registration: REGISTRATION,
        revision: '1.0.0',
        platform: 'Benchtop',
        language: 'en',
        contextActivities: { parent: [{ id: activityIds.skill('measure', skill) }], grouping: [{ id: activityIds.scene('measure') }], category: [{ id: activityIds.profile() }] },
        team: { objectType: 'Group', account: { homePage: HOME, name: 'class:7b' } },
        contextGroups: [{ objectType: 'contextGroup', group: { objectType: 'Group' }, relevantTypes: [ACTIVITY_TYPES.class] }],
        extensions: { [EXTENSIONS.difficultyLevel]: 2, [EXTENSIONS.scaffoldLevel]: 1, [EXTENSIONS.seed]: 12345, [EXTENSIONS.inputMode]: 'xr-hand', [EXTENSIONS.sceneVersion]: '1.0.0', [EXTENSIONS.stationId]: 'station-3' },
      },
      timestamp: new Date(START + 3).toISOString(),
    })
    expect(JSON.stringify(stmt)).not.toContain('Off by one') // feedback is not needed in the record
  })

  it('1.0.3 statements carry no 2.0-only fields', () => {
    const statements = buildAll(events, ctxFor('1.0.3'))
    for (const s of statements) expect(s.context && 'contextGroups' in s.context).toBe(false)
  })

  it('no class, no station: no team, no empty extensions', () => {
    const [stmt] = buildStatements(byType('session-started'), { homePage: HOME, registration: REGISTRATION, version: '2.0.0', uuid: counter() })
    expect(stmt!.context!.team).toBeUndefined()
    expect(stmt!.context!.contextGroups).toBeUndefined()
    expect(stmt!.context!.extensions).toEqual({ [EXTENSIONS.sceneVersion]: '1.0.0' })
    expect(validateStatement(stmt, '2.0.0')).toEqual({ ok: true })
  })

  it('a completed session is completed then terminated, with the session duration', () => {
    const stmts = buildStatements(events.at(-1)!, ctxFor('1.0.3'))
    expect(stmts.map((s) => s.verb.id)).toEqual([VERBS.completed.id, VERBS.terminated.id])
    expect(stmts[0]!.result).toEqual({ duration: 'PT1H2M3.46S', completion: true })
    expect(stmts[1]!.result).toEqual({ duration: 'PT1H2M3.46S' })
  })

  it('an alert without a skill is about the scene', () => {
    const alert = events.filter((e) => e.type === 'alert-raised')[1]!
    const [stmt] = buildStatements(alert, ctxFor('2.0.0'))
    expect(stmt!.object).toMatchObject({ id: activityIds.scene('measure') })
    expect(stmt!.result!.extensions).toEqual({ [EXTENSIONS.alertKind]: 'idle', [EXTENSIONS.reason]: 'No action for 3 min.' })
  })

  it('the default uuid source makes RFC 4122 v4 ids', () => {
    const [stmt] = buildStatements(byType('session-started'), { homePage: HOME, registration: REGISTRATION, version: '2.0.0' })
    expect(stmt!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  it('builds the same statements from the same events and uuid source', () => {
    expect(buildAll(events, ctxFor('2.0.0'))).toEqual(buildAll(events, ctxFor('2.0.0')))
  })
})

describe('isoDuration', () => {
  it('writes at most two decimals of seconds', () => {
    expect(isoDuration(0)).toBe('PT0S')
    expect(isoDuration(12_345.678)).toBe('PT12.35S')
    expect(isoDuration(1_000)).toBe('PT1S')
    expect(isoDuration(1_500)).toBe('PT1.5S')
    expect(isoDuration(60_000)).toBe('PT1M')
    expect(isoDuration(3_723_456)).toBe('PT1H2M3.46S')
    expect(isoDuration(3_600_000)).toBe('PT1H')
    expect(isoDuration(-5)).toBe('PT0S')
    expect(isoDuration(59_999)).toBe('PT1M')
  })
})
