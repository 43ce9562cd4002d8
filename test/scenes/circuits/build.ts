/** Writes test circuits the way a teacher would draw them: 'battery A1-B1 6V'. */
import { parseTerminalName, type Board, type Circuit, type Part, type PartKind } from '../../../scenes/circuits/model'

export interface PartSpec {
  kind: PartKind
  from: string
  to: string
  value?: number
  r?: number
  closed?: boolean
  id?: string
}

export function build(board: Board, specs: PartSpec[]): Circuit {
  const counts: Record<string, number> = {}
  const parts: Part[] = specs.map((s) => {
    counts[s.kind] = (counts[s.kind] ?? 0) + 1
    const id = s.id ?? `${s.kind}-${counts[s.kind]}`
    const a = parseTerminalName(board, s.from)
    const b = parseTerminalName(board, s.to)
    if (a === null || b === null) throw new Error(`bad terminal in ${JSON.stringify(s)}`)
    return {
      id,
      kind: s.kind,
      a,
      b,
      label: id,
      ...(s.value !== undefined ? { value: s.value } : {}),
      ...(s.r !== undefined ? { internalResistance: s.r } : {}),
      ...(s.closed !== undefined ? { closed: s.closed } : {}),
      ...(s.kind === 'bulb' ? { ratedPower: 1 } : {}),
    }
  })
  return { board, parts }
}
