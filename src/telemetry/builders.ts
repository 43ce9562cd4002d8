/**
 * Tutor events -> xAPI statements. Pure: the same event, context and uuid source give the same
 * statements. Ids are made here, before queueing, so every retry of a statement is the same
 * statement. See PROFILE.md for what each event becomes.
 */
import type { InteractionSummary, SkillId, TaskRef, TutorEvent } from '../core'
import type { Activity, Agent, ClientStatement, Context, ContextActivities, Extensions, Group, Result, XapiVersion } from '../shared/xapi'
import { ACTIVITY_TYPES, activityIds, classAccountName, EXTENSIONS, PLATFORM, VERBS, type VerbSpec } from './profile'

export interface BuildContext {
  /** The account homePage of every actor: the hub's or the school's IRI. */
  homePage: string
  /** One UUID per lab run (a learner working through one scene). */
  registration: string
  stationId?: string
  classId?: string
  /** The scene's title for its activity definition; the scene id when absent. */
  sceneTitle?: string
  /** Skill names for the skills' activity definitions; the skill id when absent. */
  skillNames?: Readonly<Record<SkillId, string>>
  /** Language of the definitions and displays. Default 'en'. */
  language?: string
  /** When the session started (ms since the epoch): gives session-ended statements a duration. */
  sessionStartedAt?: number
  /** Statement ids. Default crypto.randomUUID. */
  uuid?: () => string
  version: XapiVersion
}

/** Milliseconds as an ISO 8601 duration with at most two decimals of seconds: 83456 -> PT1M23.46S. */
export function isoDuration(ms: number): string {
  const centis = Math.max(0, Math.round((Number.isFinite(ms) ? ms : 0) / 10))
  const hours = Math.floor(centis / 360_000)
  const minutes = Math.floor((centis % 360_000) / 6_000)
  const seconds = (centis % 6_000) / 100
  let out = 'PT'
  if (hours) out += `${hours}H`
  if (minutes) out += `${minutes}M`
  if (seconds || (!hours && !minutes)) out += `${Number.isInteger(seconds) ? seconds : seconds.toFixed(2).replace(/0$/, '')}S`
  return out
}

/** UTC with milliseconds: 2024-05-01T09:30:00.123Z. */
export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString()
}

const round = (x: number, places = 4) => Number(x.toFixed(places))
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x))

function defaultUuid(): string {
  return globalThis.crypto.randomUUID()
}

/** Builds the statements for one tutor event (zero or more). */
export function buildStatements(event: TutorEvent, ctx: BuildContext): ClientStatement[] {
  const uuid = ctx.uuid ?? defaultUuid
  const lang = ctx.language ?? 'en'
  const text = (value: string) => ({ [lang]: value })

  const actor: Agent = { objectType: 'Agent', account: { homePage: ctx.homePage, name: event.learner } }
  const scene: Activity = {
    objectType: 'Activity',
    id: activityIds.scene(event.sceneId),
    definition: { name: text(ctx.sceneTitle ?? event.sceneId), type: ACTIVITY_TYPES.simulation, extensions: { [EXTENSIONS.sceneId]: event.sceneId } },
  }
  const skill = (skillId: SkillId): Activity => ({
    objectType: 'Activity',
    id: activityIds.skill(event.sceneId, skillId),
    definition: { name: text(ctx.skillNames?.[skillId] ?? skillId), type: ACTIVITY_TYPES.objective, extensions: { [EXTENSIONS.skillId]: skillId } },
  })
  const task = (ref: TaskRef): Activity => ({
    objectType: 'Activity',
    id: activityIds.task(event.sceneId, ref.id),
    definition: {
      name: text(ref.prompt),
      type: ACTIVITY_TYPES.interaction,
      interactionType: 'other',
      extensions: { [EXTENSIONS.taskKind]: ref.kind, [EXTENSIONS.skillId]: ref.skill },
    },
  })
  const profile: Activity = { objectType: 'Activity', id: activityIds.profile(), definition: { type: ACTIVITY_TYPES.profile } }

  const team: Group | undefined = ctx.classId ? { objectType: 'Group', account: { homePage: ctx.homePage, name: classAccountName(ctx.classId) } } : undefined

  const context = (parents: Activity[], extra: Extensions = {}): Context => {
    const contextActivities: ContextActivities = { category: [profile] }
    if (parents.length) contextActivities.parent = [parents[0]!]
    if (parents.length > 1) contextActivities.grouping = parents.slice(1)
    const extensions: Extensions = { [EXTENSIONS.sceneVersion]: event.sceneVersion }
    if (ctx.stationId) extensions[EXTENSIONS.stationId] = ctx.stationId
    if (ctx.classId) extensions[EXTENSIONS.classId] = ctx.classId
    Object.assign(extensions, extra)
    const out: Context = { registration: ctx.registration, contextActivities, revision: event.sceneVersion, platform: PLATFORM, language: lang, extensions }
    if (team) {
      out.team = team
      if (ctx.version === '2.0.0') out.contextGroups = [{ objectType: 'contextGroup', group: team, relevantTypes: [ACTIVITY_TYPES.class] }]
    }
    return out
  }

  const statement = (verb: VerbSpec, object: Activity, ctxValue: Context, result?: Result): ClientStatement => {
    const stmt: ClientStatement = { id: uuid(), actor, verb: { id: verb.id, display: text(verb.display) }, object, context: ctxValue, timestamp: isoTimestamp(event.at) }
    if (result) stmt.result = result
    return stmt
  }

  const taskExtensions = (ref: TaskRef, scaffoldLevel: number, interaction?: InteractionSummary): Extensions => {
    const ext: Extensions = { [EXTENSIONS.difficultyLevel]: ref.level, [EXTENSIONS.scaffoldLevel]: scaffoldLevel, [EXTENSIONS.seed]: ref.seed }
    if (interaction) ext[EXTENSIONS.inputMode] = interaction.inputMode
    return ext
  }
  const sessionDuration = () => (ctx.sessionStartedAt !== undefined ? { duration: isoDuration(event.at - ctx.sessionStartedAt) } : undefined)

  switch (event.type) {
    case 'session-started':
      return [statement(VERBS.initialized, scene, context([]))]

    case 'task-presented':
      return [
        statement(
          VERBS.attempted,
          task(event.task),
          context([skill(event.task.skill), scene], { ...taskExtensions(event.task, event.scaffoldLevel), [EXTENSIONS.predictedSuccess]: round(event.predictedSuccess) }),
        ),
      ]

    case 'attempt-assessed': {
      const extensions: Extensions = {
        [EXTENSIONS.masteryBefore]: round(event.masteryBefore),
        [EXTENSIONS.masteryAfter]: round(event.masteryAfter),
        [EXTENSIONS.hintsUsed]: event.hintsUsed,
      }
      if (event.interaction) {
        extensions[EXTENSIONS.timeToFirstActionMs] = Math.max(0, Math.round(event.interaction.timeToFirstActionMs))
        extensions[EXTENSIONS.adjustments] = event.interaction.adjustments
        extensions[EXTENSIONS.pathLengthM] = round(event.interaction.pathLength, 3)
      }
      if (event.misconception) extensions[EXTENSIONS.misconception] = { id: event.misconception.id, description: event.misconception.description }
      const score = clamp(Number.isFinite(event.score) ? event.score : 0, 0, 1)
      const result: Result = {
        success: event.correct,
        completion: event.correct,
        score: { scaled: round(score), raw: round(score), min: 0, max: 1 },
        response: event.response,
        duration: isoDuration(event.durationMs),
        extensions,
      }
      return [statement(VERBS.answered, task(event.task), context([skill(event.task.skill), scene], taskExtensions(event.task, event.scaffoldLevel, event.interaction)), result)]
    }

    case 'hint-requested':
      return [
        statement(VERBS.requestedHint, task(event.task), context([skill(event.task.skill), scene], taskExtensions(event.task, event.scaffoldLevel)), {
          extensions: { [EXTENSIONS.hintIndex]: event.hintIndex },
        }),
      ]

    case 'scaffold-changed':
      return [
        statement(VERBS.changedScaffold, skill(event.skill), context([scene]), {
          extensions: { [EXTENSIONS.from]: event.from, [EXTENSIONS.to]: event.to, [EXTENSIONS.reason]: event.reason },
        }),
      ]

    case 'level-changed':
      return [statement(VERBS.changedDifficulty, skill(event.skill), context([scene]), { extensions: { [EXTENSIONS.from]: event.from, [EXTENSIONS.to]: event.to } })]

    case 'skill-mastered': {
      const mastery = round(clamp(event.mastery, 0, 1))
      return [statement(VERBS.mastered, skill(event.skill), context([scene]), { success: true, completion: true, score: { scaled: mastery }, extensions: { [EXTENSIONS.mastery]: mastery } })]
    }

    case 'skill-unlocked':
      return [statement(VERBS.unlocked, skill(event.skill), context([scene]))]

    case 'goal-set':
      return [statement(VERBS.setGoal, skill(event.skill), context([scene]), { extensions: { [EXTENSIONS.targetMastery]: round(event.targetMastery) } })]

    case 'alert-raised': {
      const object = event.alert.skill ? skill(event.alert.skill) : scene
      return [
        statement(VERBS.raisedAlert, object, context(event.alert.skill ? [scene] : []), {
          extensions: { [EXTENSIONS.alertKind]: event.alert.kind, [EXTENSIONS.reason]: event.alert.reason },
        }),
      ]
    }

    case 'session-ended': {
      const result = sessionDuration()
      if (event.reason === 'completed') {
        return [
          statement(VERBS.completed, scene, context([]), result ? { ...result, completion: true } : { completion: true }),
          statement(VERBS.terminated, scene, context([]), result),
        ]
      }
      return [statement(event.reason === 'suspended' ? VERBS.suspended : VERBS.terminated, scene, context([]), result)]
    }

    default: {
      const never: never = event
      throw new Error(`buildStatements: unknown tutor event ${JSON.stringify(never)}`)
    }
  }
}

/** Builds statements for a whole list of events, in order. */
export function buildAll(events: readonly TutorEvent[], ctx: BuildContext): ClientStatement[] {
  return events.flatMap((event) => buildStatements(event, ctx))
}
