/** Scene colours; the high-contrast set keeps 7:1 between text and its background. */
export interface Palette {
  background: string
  table: string
  track: string
  marks: string
  text: string
  accent: string
  good: string
  bad: string
  guide: string
  panel: string
}

export const standardPalette: Palette = {
  background: '#dfe8ef',
  table: '#b08a5a',
  track: '#f4f1ea',
  marks: '#2b2b2b',
  text: '#1b1b1b',
  accent: '#1f6feb',
  good: '#1a7f37',
  bad: '#c62828',
  guide: '#f59e0b',
  panel: '#fbfbfd',
}

export const highContrastPalette: Palette = {
  background: '#000000',
  table: '#333333',
  track: '#ffffff',
  marks: '#000000',
  text: '#ffffff',
  accent: '#ffd400',
  good: '#00e676',
  bad: '#ff5252',
  guide: '#00e5ff',
  panel: '#000000',
}

export function paletteFor(highContrast: boolean): Palette {
  return highContrast ? highContrastPalette : standardPalette
}
