/**
 * The live grid's rules, pure: one entry per student of the class (the roster, plus anyone the
 * hub has heard from who is not on it), their status, the summary line, sorting by need and the
 * lab and station filters. The grid (LiveGrid.tsx) only lays them out.
 */
import { statusOf, type StudentRow, type StudentStatus } from '../shared/classState'

export type GridStatus = StudentStatus | 'not-started'

export interface RosterEntry {
  pseudonym: string
  displayName: string
  code: string
}

export interface GridEntry {
  pseudonym: string
  /** The name on the class list; null for a pseudonym the roster does not know. */
  name: string | null
  row: StudentRow | null
  status: GridStatus
}

/** How each status reads: a word and an icon, so colour is never the only signal. */
export const STATUS_LOOK: Record<GridStatus, { word: string; icon: string }> = {
  stuck: { word: 'needs help', icon: '⚠' },
  idle: { word: 'idle', icon: '‖' },
  active: { word: 'working', icon: '●' },
  'not-started': { word: 'not started', icon: '○' },
  done: { word: 'done', icon: '✓' },
}

/** Who needs the teacher first: help, then idle, then who has not started, then the rest. */
const NEED_ORDER: GridStatus[] = ['stuck', 'idle', 'not-started', 'active', 'done']

/** Alert kinds as a phrase short enough for a grid cell; the reason is in the details. */
const ALERT_PHRASES: Record<string, string> = {
  'wheel-spinning': 'not progressing',
  'rapid-guessing': 'guessing fast',
  'hint-abuse': 'hints without trying',
  idle: 'no action for a while',
}
export const alertPhrase = (kind: string) => ALERT_PHRASES[kind] ?? kind.replace(/-/g, ' ')

export function gridEntries(rows: readonly StudentRow[], roster: readonly RosterEntry[], now: number): GridEntry[] {
  const byPseudonym = new Map(rows.map((r) => [r.pseudonym, r]))
  const entries: GridEntry[] = roster.map((r) => {
    const row = byPseudonym.get(r.pseudonym) ?? null
    return { pseudonym: r.pseudonym, name: r.displayName, row, status: row ? statusOf(row, now) : 'not-started' }
  })
  const onRoster = new Set(roster.map((r) => r.pseudonym))
  for (const row of rows) if (!onRoster.has(row.pseudonym)) entries.push({ pseudonym: row.pseudonym, name: null, row, status: statusOf(row, now) })
  return entries
}

/** "3 need help, 2 idle, 20 working, 5 not started" (and who is done, when anyone is). */
export function summaryLine(entries: readonly GridEntry[]): string {
  const count = (status: GridStatus) => entries.filter((e) => e.status === status).length
  const parts = [`${count('stuck')} need${count('stuck') === 1 ? 's' : ''} help`, `${count('idle')} idle`, `${count('active')} working`, `${count('not-started')} not started`]
  if (count('done')) parts.push(`${count('done')} done`)
  return parts.join(', ')
}

const meanMastery = (row: StudentRow | null) => {
  const values = Object.values(row?.mastery ?? {})
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 1
}

export type GridSort = 'need' | 'name'

/** By need: status in NEED_ORDER, then the lowest mean mastery; by name: as labelled. */
export function sortEntries(entries: readonly GridEntry[], sort: GridSort, label: (e: GridEntry) => string): GridEntry[] {
  const byName = (a: GridEntry, b: GridEntry) => label(a).localeCompare(label(b), undefined, { numeric: true })
  if (sort === 'name') return [...entries].sort(byName)
  return [...entries].sort((a, b) => NEED_ORDER.indexOf(a.status) - NEED_ORDER.indexOf(b.status) || meanMastery(a.row) - meanMastery(b.row) || byName(a, b))
}

export interface GridFilter {
  /** A lab (scene) id, or '' for all. */
  lab: string
  /** A station id, or '' for all. */
  station: string
}

export function filterEntries(entries: readonly GridEntry[], filter: GridFilter): GridEntry[] {
  return entries.filter((e) => (!filter.lab || e.row?.sceneId === filter.lab) && (!filter.station || e.row?.stationId === filter.station))
}
