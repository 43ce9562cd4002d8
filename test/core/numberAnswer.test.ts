import { describe, expect, it } from 'vitest'
import { decimalSeparatorOf, parseNumberAnswer } from '../../src/core/numberAnswer'

describe('a typed number answer', () => {
  it('reads plain, signed, fractional and exponent numbers', () => {
    expect(parseNumberAnswer('12.5')).toEqual({ ok: true, value: 12.5 })
    expect(parseNumberAnswer(' .5 ')).toEqual({ ok: true, value: 0.5 })
    expect(parseNumberAnswer('-3')).toEqual({ ok: true, value: -3 })
    expect(parseNumberAnswer('\u22123.2')).toEqual({ ok: true, value: -3.2 })
    expect(parseNumberAnswer('1.2e3')).toEqual({ ok: true, value: 1200 })
  })

  it('never submits an empty answer as 0', () => {
    expect(parseNumberAnswer('')).toEqual({ ok: false, message: 'Type a number first.' })
    expect(parseNumberAnswer('   ').ok).toBe(false)
  })

  it('reads 12,5 as twelve and a half where the decimal separator is a comma, and refuses it with a message elsewhere (never 125)', () => {
    expect(parseNumberAnswer('12,5', { decimalSeparator: ',' })).toEqual({ ok: true, value: 12.5 })
    const refused = parseNumberAnswer('12,5', { decimalSeparator: '.' })
    expect(refused.ok).toBe(false)
    expect(refused.ok ? '' : refused.message).toMatch(/point: 12\.5/)
    expect(parseNumberAnswer('1,250,000', { decimalSeparator: ',' }).ok).toBe(false)
    expect(parseNumberAnswer('1.250,5', { decimalSeparator: ',' }).ok).toBe(false)
  })

  it('refuses a negative time or distance with a message naming it', () => {
    const refused = parseNumberAnswer('-2.1', { quantity: 'time', nonNegative: true })
    expect(refused).toEqual({ ok: false, message: 'The time cannot be negative: give its size.' })
    expect(parseNumberAnswer('0', { nonNegative: true })).toEqual({ ok: true, value: 0 })
    expect(parseNumberAnswer('-0', { nonNegative: true })).toEqual({ ok: true, value: 0 })
  })

  it('refuses what is not a number', () => {
    for (const text of ['12.5.1', 'abc', '--3', '3-', '1e', '.', '-']) expect(parseNumberAnswer(text).ok, text).toBe(false)
  })

  it('tells the decimal separator of a language', () => {
    expect(decimalSeparatorOf('de-DE')).toBe(',')
    expect(decimalSeparatorOf('fr-FR')).toBe(',')
    expect(decimalSeparatorOf('en-GB')).toBe('.')
    expect(decimalSeparatorOf('not a tag!')).toBe('.')
  })
})
