import { decimalSeparatorOf } from '../core'

/** The decimal separator of the browser's language, for reading typed numbers on the page and in the headset alike. */
export const studentDecimalSeparator: '.' | ',' = typeof navigator === 'undefined' ? '.' : decimalSeparatorOf(navigator.language)
