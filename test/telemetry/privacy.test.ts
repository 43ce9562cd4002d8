import { describe, expect, it } from 'vitest'
import type { ClientStatement } from '../../src/shared/xapi'
import { buildStatements } from '../../src/telemetry/builders'
import { assertPrivate, checkPrivacy } from '../../src/telemetry/privacy'
import { EXTENSIONS } from '../../src/telemetry/profile'
import { handMadeEvents } from './scene-run'

const answered = (): ClientStatement => {
  const event = handMadeEvents('measure', '1.0.0', 'swift-otter-42', 'measure.whole-numbers').find((e) => e.type === 'attempt-assessed')!
  return buildStatements(event, { homePage: 'https://hub.example', registration: '6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e', classId: '7b', stationId: 's1', version: '2.0.0' })[0]!
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests reach into arbitrary JSON
type Loose = any

function findings(change: (s: Loose) => void): string[] {
  const s = answered() as Loose
  change(s)
  return checkPrivacy(s).map((f) => `${f.path}: ${f.reason}`)
}

describe('checkPrivacy', () => {
  it('passes a built statement', () => {
    expect(checkPrivacy(answered())).toEqual([])
    expect(() => assertPrivate(answered())).not.toThrow()
  })

  it.each([
    ['an mbox actor', (s: Loose) => (s.actor = { mbox: 'mailto:ann@school.example' }), 'statement.actor.mbox'],
    ['an mbox_sha1sum actor', (s: Loose) => (s.actor = { mbox_sha1sum: 'ebd31e95054c018b10727ccffd2ef2ec3a016ee9' }), 'statement.actor.mbox_sha1sum'],
    ['an openid actor', (s: Loose) => (s.actor = { openid: 'https://id.example/ann' }), 'statement.actor.openid'],
    ['a name on the actor', (s: Loose) => (s.actor.name = 'Ann Smith'), 'statement.actor.name'],
    ['a real name as the account name', (s: Loose) => (s.actor.account.name = 'Ann Smith'), 'statement.actor.account.name'],
    ['a name on the team', (s: Loose) => (s.context.team.name = 'Mrs Brown’s class'), 'statement.context.team.name'],
    ['an instructor e-mail', (s: Loose) => (s.context.instructor = { mbox: 'mailto:t@school.example' }), 'statement.context.instructor.mbox'],
    ['an e-mail inside the response', (s: Loose) => (s.result.response = 'contact me at ann.smith@gmail.com'), 'looks like an e-mail address'],
    ['an e-mail inside an extension', (s: Loose) => (s.context.extensions[EXTENSIONS.stationId] = 'ann@school.example'), 'looks like an e-mail address'],
    ['a long typed response', (s: Loose) => (s.result.response = 'I think the block should go here because '.repeat(10)), 'statement.result.response: is 410 characters long'],
    ['free text in an unknown extension', (s: Loose) => (s.result.extensions['https://example.org/notes'] = 'my notes'), 'outside the allow-list'],
    ['free text in the feedback-like place', (s: Loose) => (s.result.extensions[EXTENSIONS.hintsUsed] = 'I did not need hints'), 'outside the allow-list'],
    ['a pose stream', (s: Loose) => (s.result.extensions['https://example.org/path'] = Array.from({ length: 30 }, (_, i) => i * 0.1)), 'numbers: a pose or pointer stream'],
    ['a nested pose stream', (s: Loose) => (s.result.extensions[EXTENSIONS.misconception] = { frames: [[0, 1, 2], [3, 4, 5]] }), 'names media or a pose stream'],
    ['an extension named for audio', (s: Loose) => (s.result.extensions['https://example.org/audio-clip'] = 1), 'names media or a pose stream'],
    ['attachments', (s: Loose) => (s.attachments = [{ usageType: 'https://e.x/u', display: { en: 'x' }, contentType: 'audio/ogg', length: 1, sha2: 'a'.repeat(64) }]), 'statement.attachments'],
    ['a per-frame list', (s: Loose) => (s.result.extensions['https://example.org/drags'] = Array.from({ length: 60 }, () => ({ x: 1 }))), 'per-frame data'],
  ])('finds %s', (_name, change, expected) => {
    const found = findings(change)
    expect(found.some((f) => f.includes(expected)), found.join(' | ')).toBe(true)
    const s = answered() as Loose
    change(s)
    expect(() => assertPrivate(s)).toThrow(/not private/)
  })

  it('allows short numeric summaries and language maps in other languages', () => {
    expect(findings((s) => (s.result.extensions['https://example.org/xyz'] = [0.1, 0.2, 0.3]))).toEqual([])
    expect(findings((s) => (s.verb.display = { en: 'answered', 'de-DE': 'beantwortete' }))).toEqual([])
  })
})
