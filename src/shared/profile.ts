/**
 * The Benchtop xAPI statement profile: verbs, activity ids and types, extension IRIs. The one
 * place these IRIs are written; PROFILE.md documents them for teachers' analysts and LRS admins.
 * Pure constants and helpers.
 */

/** Root of Benchtop's own IRIs (to be registered as a w3id.org redirect to PROFILE.md). */
export const BENCHTOP_IRI = 'https://w3id.org/benchtop/xapi'
/** The profile itself, sent as a context category activity on every statement. */
export const PROFILE_ID = `${BENCHTOP_IRI}/profile/1.0`
export const PROFILE_VERSION = '1.0.0'

export interface VerbSpec {
  id: string
  display: string
}

/** Reused ADL/cmi5 verbs first; Benchtop's own only where none fits. */
export const VERBS = {
  // ADL vocabulary (http://adlnet.gov/expapi/verbs/), as cmi5 uses them.
  launched: { id: 'http://adlnet.gov/expapi/verbs/launched', display: 'launched' },
  initialized: { id: 'http://adlnet.gov/expapi/verbs/initialized', display: 'initialized' },
  attempted: { id: 'http://adlnet.gov/expapi/verbs/attempted', display: 'attempted' },
  answered: { id: 'http://adlnet.gov/expapi/verbs/answered', display: 'answered' },
  passed: { id: 'http://adlnet.gov/expapi/verbs/passed', display: 'passed' },
  failed: { id: 'http://adlnet.gov/expapi/verbs/failed', display: 'failed' },
  mastered: { id: 'http://adlnet.gov/expapi/verbs/mastered', display: 'mastered' },
  completed: { id: 'http://adlnet.gov/expapi/verbs/completed', display: 'completed' },
  suspended: { id: 'http://adlnet.gov/expapi/verbs/suspended', display: 'suspended' },
  resumed: { id: 'http://adlnet.gov/expapi/verbs/resumed', display: 'resumed' },
  terminated: { id: 'http://adlnet.gov/expapi/verbs/terminated', display: 'terminated' },
  // Benchtop's own.
  requestedHint: { id: `${BENCHTOP_IRI}/verbs/requested-hint`, display: 'requested a hint' },
  changedScaffold: { id: `${BENCHTOP_IRI}/verbs/changed-scaffold`, display: 'had the scaffold changed' },
  changedDifficulty: { id: `${BENCHTOP_IRI}/verbs/changed-difficulty`, display: 'had the difficulty changed' },
  unlocked: { id: `${BENCHTOP_IRI}/verbs/unlocked`, display: 'unlocked' },
  setGoal: { id: `${BENCHTOP_IRI}/verbs/set-goal`, display: 'set a goal' },
  raisedAlert: { id: `${BENCHTOP_IRI}/verbs/raised-alert`, display: 'raised an alert' },
  summarized: { id: `${BENCHTOP_IRI}/verbs/summarized`, display: 'made more attempts (summarised)' },
} as const satisfies Record<string, VerbSpec>

export type VerbKey = keyof typeof VERBS

export const ACTIVITY_TYPES = {
  /** A scene (a simulation plug-in). */
  simulation: 'http://adlnet.gov/expapi/activities/simulation',
  /** A skill (knowledge component): an objective the learner works towards. */
  objective: 'http://adlnet.gov/expapi/activities/objective',
  /** One generated task. */
  interaction: 'http://adlnet.gov/expapi/activities/cmi.interaction',
  /** This profile, in context.contextActivities.category. */
  profile: 'http://adlnet.gov/expapi/activities/profile',
  /** The class, as the team Group's relevant type in 2.0 contextGroups. */
  class: `${BENCHTOP_IRI}/activity-types/class`,
} as const

const EXT = `${BENCHTOP_IRI}/extensions`
/** Extension IRIs. Numbers are plain JSON numbers; units in the name. */
export const EXTENSIONS = {
  // context.extensions
  stationId: `${EXT}/station-id`,
  classId: `${EXT}/class-id`,
  sceneVersion: `${EXT}/scene-version`,
  difficultyLevel: `${EXT}/difficulty-level`,
  scaffoldLevel: `${EXT}/scaffold-level`,
  seed: `${EXT}/seed`,
  inputMode: `${EXT}/input-mode`,
  // result.extensions
  predictedSuccess: `${EXT}/predicted-success`,
  masteryBefore: `${EXT}/mastery-before`,
  masteryAfter: `${EXT}/mastery-after`,
  hintsUsed: `${EXT}/hints-used`,
  hintIndex: `${EXT}/hint-index`,
  timeToFirstActionMs: `${EXT}/time-to-first-action-ms`,
  adjustments: `${EXT}/adjustments`,
  pathLengthM: `${EXT}/path-length-m`,
  misconception: `${EXT}/misconception`,
  from: `${EXT}/from`,
  to: `${EXT}/to`,
  reason: `${EXT}/reason`,
  alertKind: `${EXT}/alert-kind`,
  targetMastery: `${EXT}/target-mastery`,
  mastery: `${EXT}/mastery`,
  summary: `${EXT}/summary`,
  // activity definition extensions
  taskKind: `${EXT}/task-kind`,
  skillId: `${EXT}/skill-id`,
  sceneId: `${EXT}/scene-id`,
} as const

/** Extension values that are strings Benchtop writes itself (never typed by a student). */
export const STRING_EXTENSIONS: ReadonlySet<string> = new Set([
  EXTENSIONS.stationId,
  EXTENSIONS.classId,
  EXTENSIONS.sceneVersion,
  EXTENSIONS.inputMode,
  EXTENSIONS.reason,
  EXTENSIONS.alertKind,
  EXTENSIONS.taskKind,
  EXTENSIONS.skillId,
  EXTENSIONS.sceneId,
])

export const PLATFORM = 'Benchtop'

const segment = (text: string) => encodeURIComponent(text)

/** Stable activity ids: the same scene, skill or task has the same IRI on every station and hub. */
export const activityIds = {
  scene: (sceneId: string) => `${BENCHTOP_IRI}/scenes/${segment(sceneId)}`,
  /** Skill ids are prefixed by their scene ('measure.decimals'); the IRI keeps that id whole. */
  skill: (sceneId: string, skillId: string) => `${BENCHTOP_IRI}/scenes/${segment(sceneId)}/skills/${segment(skillId)}`,
  /** Task ids are stable for a scene, skill, level and seed; '/' in them stays a path separator. */
  task: (sceneId: string, taskId: string) => `${BENCHTOP_IRI}/scenes/${segment(sceneId)}/tasks/${taskId.split('/').map(segment).join('/')}`,
  profile: () => PROFILE_ID,
}

/** The IRI of a class on a hub: the class is an identified Group (account on the hub). */
export const classAccountName = (classId: string) => `class:${classId}`
