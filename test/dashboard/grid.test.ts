/** The live grid's rules on a hand-made class whose every status is known by construction. */
import { describe, expect, it } from 'vitest'
import { filterEntries, gridEntries, sortEntries, summaryLine, type GridEntry, type RosterEntry } from '../../src/dashboard/grid'
import type { StudentRow } from '../../src/shared/classState'

const NOW = Date.UTC(2026, 10, 30, 10, 0, 0)

function row(pseudonym: string, over: Partial<StudentRow>): StudentRow {
  return { pseudonym, stationId: 's1', sceneId: 'measure', task: null, level: 1, mastery: {}, masteryAt: {}, taskAt: 0, whereAt: { station: 0, scene: 0, level: 0 }, alerts: [], lastSeen: NOW - 10_000, firstSeen: NOW - 600_000, attempts: 1, correct: 1, completed: false, vrMs: 0, ...over }
}

const roster: RosterEntry[] = [
  { pseudonym: 'a-a-1', displayName: 'Zoe', code: 'AAAAA' },
  { pseudonym: 'b-b-2', displayName: 'Yann', code: 'BBBBB' },
  { pseudonym: 'c-c-3', displayName: 'Xia', code: 'CCCCC' },
  { pseudonym: 'd-d-4', displayName: 'Will', code: 'DDDDD' },
  { pseudonym: 'e-e-5', displayName: 'Vera', code: 'EEEEE' },
  { pseudonym: 'f-f-6', displayName: 'Uma', code: 'FFFFF' },
]
const rows = [
  // Working, one strong and one weak.
  row('a-a-1', { mastery: { 'measure.whole': 0.9 } }),
  row('b-b-2', { mastery: { 'measure.whole': 0.3 }, stationId: 's2' }),
  // Rapid guessing a minute ago: needs help.
  row('c-c-3', { alerts: [{ kind: 'rapid-guessing', reason: '3 fast wrong answers', at: NOW - 60_000 }], lastSeen: NOW - 50_000, sceneId: 'circuits', mastery: { 'circuits.loop': 0.5 } }),
  // Nothing for three minutes: idle.
  row('d-d-4', { lastSeen: NOW - 180_000 }),
  // Finished the lab.
  row('e-e-5', { completed: true }),
  // A desktop student the roster does not know.
  row('z-z-9', { stationId: null }),
]
// f-f-6 (Uma) has not started.

const label = (e: GridEntry) => e.name ?? e.pseudonym

describe('the live grid', () => {
  const entries = gridEntries(rows, roster, NOW)

  it('has one entry per student of the roster plus anyone else the hub heard from, each with their status', () => {
    expect(Object.fromEntries(entries.map((e) => [e.pseudonym, e.status]))).toEqual({
      'a-a-1': 'active',
      'b-b-2': 'active',
      'c-c-3': 'stuck',
      'd-d-4': 'idle',
      'e-e-5': 'done',
      'f-f-6': 'not-started',
      'z-z-9': 'active',
    })
    expect(entries.find((e) => e.pseudonym === 'z-z-9')!.name).toBeNull()
    expect(entries.find((e) => e.pseudonym === 'f-f-6')!.row).toBeNull()
  })

  it('sums the class up in one line', () => {
    expect(summaryLine(entries)).toBe('1 needs help, 1 idle, 3 working, 1 not started, 1 done')
    expect(summaryLine(gridEntries([], roster.slice(0, 2), NOW))).toBe('0 need help, 0 idle, 0 working, 2 not started')
  })

  it('sorts by need: help, idle, not started, then working with the weakest first, done last', () => {
    expect(sortEntries(entries, 'need', label).map(label)).toEqual(['Xia', 'Will', 'Uma', 'Yann', 'Zoe', 'z-z-9', 'Vera'])
    expect(sortEntries(entries, 'name', label).map(label)).toEqual(['Uma', 'Vera', 'Will', 'Xia', 'Yann', 'z-z-9', 'Zoe'])
  })

  it('filters by lab and by station', () => {
    expect(filterEntries(entries, { lab: 'circuits', station: '' }).map(label)).toEqual(['Xia'])
    expect(filterEntries(entries, { lab: '', station: 's2' }).map(label)).toEqual(['Yann'])
    expect(filterEntries(entries, { lab: '', station: '' })).toHaveLength(7)
  })
})
