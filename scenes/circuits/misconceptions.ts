import type { Misconception, SkillId } from '../../src/core'
import { SKILL_BRIGHTNESS, SKILL_CHANGE, SKILL_METERS, SKILL_OHM, SKILL_PARALLEL } from './skills'

/**
 * Misconceptions recognised from attempts; classics of the research on students' ideas about
 * electric circuits (the consumption and constant-current models, local and sequential reasoning).
 */
export const MISCONCEPTIONS = {
  currentUsedUp: { id: 'circuits.current-used-up', description: 'Thinks bulbs use up current, so less current comes out of a bulb than goes in and the bulb nearest the battery is brightest.' },
  constantCurrentSource: { id: 'circuits.battery-constant-current', description: 'Thinks a battery always gives the same current whatever is connected, so adding a parallel branch shares that current and dims the others.' },
  metersMisplaced: { id: 'circuits.meters-misplaced', description: 'Puts an ammeter in parallel (shorting the part) or a voltmeter in series (breaking the loop).' },
  ohmInverted: { id: 'circuits.ohm-inverted', description: "Turns Ohm's law round wrongly: multiplies where it should divide (I = V R instead of V / R)." },
  moreResistanceBrighter: { id: 'circuits.parallel-resistance-adds', description: 'Thinks adding a branch in parallel adds resistance, as in series, so the total current falls.' },
} satisfies Record<string, Misconception>

export const MISCONCEPTION_SKILL: Readonly<Record<string, SkillId>> = {
  [MISCONCEPTIONS.currentUsedUp.id]: SKILL_BRIGHTNESS,
  [MISCONCEPTIONS.constantCurrentSource.id]: SKILL_CHANGE,
  [MISCONCEPTIONS.metersMisplaced.id]: SKILL_METERS,
  [MISCONCEPTIONS.ohmInverted.id]: SKILL_OHM,
  [MISCONCEPTIONS.moreResistanceBrighter.id]: SKILL_PARALLEL,
}

/** Each misconception as the student hears it after a wrong answer: 'That answer fits the idea that ...'. */
export const STUDENT_WORDS: Readonly<Record<string, string>> = {
  [MISCONCEPTIONS.currentUsedUp.id]: 'bulbs use up current, so the first bulb after the battery gets the most',
  [MISCONCEPTIONS.constantCurrentSource.id]: 'a battery always gives the same current, whatever is connected',
  [MISCONCEPTIONS.metersMisplaced.id]: 'an ammeter can go across a part or a voltmeter in the loop',
  [MISCONCEPTIONS.ohmInverted.id]: "Ohm's law multiplies where it divides",
  [MISCONCEPTIONS.moreResistanceBrighter.id]: 'a branch added in parallel adds resistance, as in series',
}
