// Stand-in until src/tutor lands in this session: first skill, level 1, most support. Replaced, not shipped.
import { createRng, type TaskBase } from '../../core'
import type { TutorFactory } from './labSession'

export const interimTutor: TutorFactory = ({ plugin }) => {
  const rng = createRng(Date.now() & 0xffffffff)
  let task: TaskBase | undefined
  let hint = 0
  return {
    next: (choice) => {
      task = plugin.generate(choice?.skill ?? plugin.skills[0]!.id, 1, rng)
      hint = 0
      return { task: task!, scaffoldLevel: 0, predictedSuccess: 0.5 }
    },
    submit: (attempt) => ({ assessment: plugin.assess(task, attempt) }),
    requestHint: () => {
      const hints = plugin.hints(task, 0)
      return hint < hints.length ? { text: hints[hint]!, index: hint++ } : null
    },
    masteryBySkill: () => Object.fromEntries(plugin.skills.map((s) => [s.id, s.bkt.prior])),
    unlockedSkills: () => [plugin.skills[0]!.id],
    checkIdle: () => {},
    snapshot: () => null,
  }
}
