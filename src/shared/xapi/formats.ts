/**
 * The string formats xAPI statements use: IRIs, UUIDs, mailto IRIs, RFC 5646 language tags,
 * ISO 8601 timestamps and durations. Pure; each check returns a reason or null.
 */

/** Any RFC 4122 layout, any variant and version (xAPI asks for the standard string form only). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** An absolute IRI: a scheme, a colon, then no whitespace or characters IRIs never contain. */
const IRI_PATTERN = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`\u0000-\u001f\u007f]+$/i

export function isIri(value: unknown): value is string {
  return typeof value === 'string' && IRI_PATTERN.test(value)
}

/** An IRL is an IRI meant to be looked up; in practice http(s) or another scheme with an authority. */
export function isIrl(value: unknown): value is string {
  return isIri(value)
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value)
}

export function isMbox(value: unknown): value is string {
  return typeof value === 'string' && /^mailto:[^\s@:/]+@[^\s@/]+$/i.test(value)
}

export function isSha1(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{40}$/i.test(value)
}

// RFC 5646 (BCP 47) well-formedness: langtag, private use, or one of the grandfathered tags.
const LANGTAG = new RegExp(
  '^' +
    '(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})' + // language (+ extlang)
    '(?:-[a-z]{4})?' + // script
    '(?:-(?:[a-z]{2}|[0-9]{3}))?' + // region
    '(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*' + // variants
    '(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*' + // extensions
    '(?:-x(?:-[a-z0-9]{1,8})+)?' + // private use
    '$',
  'i',
)
const PRIVATE_USE = /^x(?:-[a-z0-9]{1,8})+$/i
const GRANDFATHERED = new Set(
  [
    'en-GB-oed', 'i-ami', 'i-bnn', 'i-default', 'i-enochian', 'i-hak', 'i-klingon', 'i-lux', 'i-mingo', 'i-navajo', 'i-pwn', 'i-tao', 'i-tay',
    'i-tsu', 'sgn-BE-FR', 'sgn-BE-NL', 'sgn-CH-DE', 'art-lojban', 'cel-gaulish', 'no-bok', 'no-nyn', 'zh-guoyu', 'zh-hakka', 'zh-min', 'zh-min-nan', 'zh-xiang',
  ].map((tag) => tag.toLowerCase()),
)

/**
 * RFC 5646 section 2.2.5 and 2.2.6: the same variant may not appear twice, nor the same extension
 * singleton (before the private-use part, where anything goes). These make a well-formed tag invalid
 * without needing the subtag registry, so they are checked here too.
 */
function repeatsVariantOrSingleton(tag: string): boolean {
  const subtags = tag.toLowerCase().split('-')
  const seenVariants = new Set<string>()
  const seenSingletons = new Set<string>()
  let inExtensions = false
  for (let i = 1; i < subtags.length; i++) {
    const subtag = subtags[i]!
    if (subtag === 'x') break
    if (subtag.length === 1) {
      if (seenSingletons.has(subtag)) return true
      seenSingletons.add(subtag)
      inExtensions = true
    } else if (!inExtensions && (subtag.length >= 5 || /^[0-9][a-z0-9]{3}$/.test(subtag))) {
      if (seenVariants.has(subtag)) return true
      seenVariants.add(subtag)
    }
  }
  return false
}

export function isLanguageTag(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0) return false
  if (GRANDFATHERED.has(value.toLowerCase()) || PRIVATE_USE.test(value)) return true
  return LANGTAG.test(value) && !repeatsVariantOrSingleton(value)
}

const EXTENDED_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/
const BASIC_TIME = /^(\d{4})(\d{2})(\d{2})[Tt](\d{2})(\d{2})(?:(\d{2})(?:[.,](\d+))?)?([Zz]|[+-]\d{2}(?:\d{2})?)?$/

const daysIn = (year: number, month: number) => [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!

/**
 * Checks an ISO 8601 date-time (extended, basic, or RFC 3339 with a space). Returns null when
 * valid, else why. xAPI says a timestamp SHOULD carry a time zone; `requireTimezone` makes it a MUST.
 * The "unknown offset" forms -00, -0000 and -00:00 are refused, as the conformance suite expects.
 */
export function timestampProblem(value: unknown, requireTimezone = false): string | null {
  if (typeof value !== 'string') return `must be an ISO 8601 timestamp string, got ${describe(value)}`
  const m = EXTENDED_TIME.exec(value) ?? BASIC_TIME.exec(value)
  if (!m) return `${describe(value)} is not an ISO 8601 date and time (e.g. 2024-05-01T09:30:00.000Z)`
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number]
  if (month < 1 || month > 12) return `${describe(value)} has month ${month}`
  if (day < 1 || day > daysIn(year, month)) return `${describe(value)} has day ${day}, not in month ${month}`
  if (hour > 23) return `${describe(value)} has hour ${hour}`
  if (minute > 59) return `${describe(value)} has minute ${minute}`
  if (second > 60) return `${describe(value)} has second ${second}`
  const zone = m[8]
  if (zone === undefined) return requireTimezone ? `${describe(value)} has no time zone (add Z or an offset such as +02:00)` : null
  if (zone !== 'Z' && zone !== 'z') {
    const digits = zone.slice(1).replace(':', '')
    const offsetHours = Number(digits.slice(0, 2))
    const offsetMinutes = Number(digits.slice(2) || '0')
    if (offsetHours > 23 || offsetMinutes > 59) return `${describe(value)} has an impossible offset ${zone}`
    if (zone.startsWith('-') && offsetHours === 0 && offsetMinutes === 0) return `${describe(value)} has the offset ${zone}, which means "unknown"; use Z or +00:00`
  }
  return null
}

const NUMBER = '\\d+(?:[.,]\\d+)?'
const DURATION = new RegExp(`^P(?:(${NUMBER})Y)?(?:(${NUMBER})M)?(?:(${NUMBER})D)?(?:T(?:(${NUMBER})H)?(?:(${NUMBER})M)?(?:(${NUMBER})S)?)?$`)
const WEEKS = new RegExp(`^P${NUMBER}W$`)

/** ISO 8601:2004 4.4.3.2 durations (PnYnMnDTnHnMnS or PnW); only the last part may have a fraction. */
export function durationProblem(value: unknown): string | null {
  if (typeof value !== 'string') return `must be an ISO 8601 duration string, got ${describe(value)}`
  if (WEEKS.test(value)) return null
  const m = DURATION.exec(value)
  const parts = m ? m.slice(1).filter((p): p is string => p !== undefined) : []
  if (!m || parts.length === 0 || value.endsWith('T')) return `${describe(value)} is not an ISO 8601 duration (e.g. PT1M30.5S)`
  if (parts.slice(0, -1).some((p) => /[.,]/.test(p))) return `${describe(value)} has a fraction before its last part`
  return null
}

export function isDuration(value: unknown): value is string {
  return durationProblem(value) === null
}

/** A short, safe rendering of a value for an error message. */
export function describe(value: unknown): string {
  if (value === undefined) return 'undefined'
  let text: string
  try {
    text = JSON.stringify(value) ?? String(value)
  } catch {
    text = String(value)
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}
