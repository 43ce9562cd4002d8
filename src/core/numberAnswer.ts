/**
 * Reading a typed number answer, the same way on the page's answer field and the in-world
 * keypad: a refusal says what is wrong, and nothing is submitted until the text is a number.
 */

export type NumberAnswer = { ok: true; value: number } | { ok: false; message: string }

export interface NumberAnswerRules {
  /** What the number is, for messages: 'time', 'distance', 'current'. */
  quantity?: string
  /** Refuse a value below zero (a time or a distance). */
  nonNegative?: boolean
  /** The decimal separator of the student's language: ',' accepts 12,5 as twelve and a half. */
  decimalSeparator?: '.' | ','
}

/** The decimal separator of a BCP 47 language tag ('de-DE' -> ','), '.' when it cannot be told. */
export function decimalSeparatorOf(locale: string | undefined): '.' | ',' {
  try {
    const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')
    return part?.value === ',' ? ',' : '.'
  } catch {
    return '.'
  }
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i

export function parseNumberAnswer(text: string, rules: NumberAnswerRules = {}): NumberAnswer {
  const what = rules.quantity ?? 'answer'
  // A typographic minus (the keypad's and many keyboards') reads as a minus sign.
  let cleaned = text.trim().replace(/\u2212/g, '-').replace(/\s+/g, '')
  if (cleaned === '') return { ok: false, message: 'Type a number first.' }
  if (cleaned.includes(',')) {
    if (rules.decimalSeparator !== ',') return { ok: false, message: `Write decimals with a point: ${cleaned.replace(',', '.')}, not ${cleaned}.` }
    if (cleaned.includes('.') || cleaned.indexOf(',') !== cleaned.lastIndexOf(',')) return { ok: false, message: `${text.trim()} is not a number: use one decimal comma and no other separators.` }
    cleaned = cleaned.replace(',', '.')
  }
  if (!NUMBER.test(cleaned)) return { ok: false, message: `${text.trim()} is not a number.` }
  const value = Number(cleaned)
  if (!Number.isFinite(value)) return { ok: false, message: `${text.trim()} is too large.` }
  if (rules.nonNegative && value < 0) return { ok: false, message: `The ${what} cannot be negative: give its size.` }
  return { ok: true, value: Object.is(value, -0) ? 0 : value }
}
