/**
 * Circuit solver benchmark: prints figures, asserts nothing about time.
 *   npx tsx scripts/bench-circuits.ts
 * Times solveCircuit (validation, node merging, MNA, wire currents, problem report) on:
 *   baseline   the smallest useful circuit: a battery and one bulb (3 parts)
 *   mesh-200   a 10 x 10 mesh of resistors fed by one battery (200 parts, 110 terminals)
 *   ladder-200 a resistor ladder with wires and bulbs (200 parts on a 26 x 8 board)
 * and reports median and p95 per solve, and the ratio to the baseline measured in the same run.
 */
import { solveCircuit, type Circuit, type Part } from '../scenes/circuits/model'

function stats(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b)
  return { median: sorted[Math.floor(sorted.length / 2)]!, p95: sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]! }
}

function baseline(): Circuit {
  const board = { cols: 3, rows: 2 }
  return {
    board,
    parts: [
      { id: 'battery-1', kind: 'battery', a: 3, b: 0, value: 6, label: 'Battery' },
      { id: 'bulb-1', kind: 'bulb', a: 0, b: 1, value: 12, ratedPower: 3, label: 'Bulb 1' },
      { id: 'wire-1', kind: 'wire', a: 1, b: 3, label: 'Wire 1' },
    ],
  }
}

/** Every horizontal and vertical neighbour pair of an 11 x 10 grid holds a resistor, except the battery's. */
function mesh(): Circuit {
  const board = { cols: 11, rows: 10 }
  const parts: Part[] = [{ id: 'battery-1', kind: 'battery', a: 0, b: 1, value: 9, internalResistance: 0.5, label: 'Battery' }]
  let n = 0
  for (let r = 0; r < board.rows; r++) {
    for (let c = 0; c < board.cols; c++) {
      const t = r * board.cols + c
      if (c + 1 < board.cols && t !== 0) parts.push({ id: `r${++n}`, kind: 'resistor', a: t, b: t + 1, value: 1 + (n % 7), label: `Resistor ${n}` })
      if (r + 1 < board.rows) parts.push({ id: `r${++n}`, kind: 'resistor', a: t, b: t + board.cols, value: 2 + (n % 5), label: `Resistor ${n}` })
    }
  }
  parts.push({ id: 'ammeter-1', kind: 'ammeter', a: 1, b: 2, label: 'Ammeter' })
  return { board, parts: parts.slice(0, 200) }
}

/** Bands of a ladder: a top rail of resistors and wires, rungs of bulbs and switches, a bottom rail of wires. */
function ladder(): Circuit {
  const board = { cols: 26, rows: 8 }
  const plus = 0
  const minus = board.cols
  const parts: Part[] = [{ id: 'battery-1', kind: 'battery', a: minus, b: plus, value: 12, label: 'Battery' }]
  let n = 0
  const add = (part: Omit<Part, 'id' | 'label'>) => {
    n++
    if (parts.length < 200) parts.push({ ...part, id: `p${n}`, label: `${part.kind} ${n}` } as Part)
  }
  for (let band = 0; band < 4; band++) {
    const top = 2 * band * board.cols
    const bottom = top + board.cols
    if (band > 0) {
      add({ kind: 'wire', a: plus, b: top })
      add({ kind: 'wire', a: minus, b: bottom })
    }
    for (let c = 0; c + 1 < board.cols; c++) {
      add(c % 3 === 0 ? { kind: 'wire', a: top + c, b: top + c + 1 } : { kind: 'resistor', a: top + c, b: top + c + 1, value: 0.5 + (n % 4) })
      add(c % 5 === 4 ? { kind: 'switch', a: top + c + 1, b: bottom + c + 1, closed: n % 2 === 0 } : { kind: 'bulb', a: top + c + 1, b: bottom + c + 1, value: 6 + (n % 3), ratedPower: 2 })
      if (c > 0 || band > 0) add({ kind: 'wire', a: bottom + c, b: bottom + c + 1 })
    }
  }
  return { board, parts }
}

function time(circuit: Circuit, rounds: number, perRound: number): number[] {
  for (let i = 0; i < 200; i++) solveCircuit(circuit)
  const samples: number[] = []
  for (let round = 0; round < rounds; round++) {
    const t0 = performance.now()
    for (let i = 0; i < perRound; i++) solveCircuit(circuit)
    samples.push(((performance.now() - t0) / perRound) * 1000)
  }
  return samples
}

const cases = { baseline: baseline(), 'mesh-200': mesh(), 'ladder-200': ladder() }
const base = stats(time(cases.baseline, 60, 2000))
console.log('| circuit | parts | median (us) | p95 (us) | median / baseline |')
console.log('|---|---|---|---|---|')
for (const [name, circuit] of Object.entries(cases)) {
  const s = name === 'baseline' ? base : stats(time(circuit, 60, 50))
  const solution = solveCircuit(circuit)
  const counts = new Map<string, number>()
  for (const p of solution.problems) counts.set(p.kind, (counts.get(p.kind) ?? 0) + 1)
  const problems = [...counts].map(([kind, count]) => `${kind} x${count}`).join(', ') || 'none'
  console.log(`| ${name} | ${circuit.parts.length} | ${s.median.toFixed(1)} | ${s.p95.toFixed(1)} | ${(s.median / base.median).toFixed(1)} | problems: ${problems}`)
}
