// The in-world font ships with the app: drei's <Text> would otherwise fetch one from a CDN.
import interRegular from '@fontsource/inter/files/inter-latin-400-normal.woff?url'
import interBold from '@fontsource/inter/files/inter-latin-700-normal.woff?url'

export const FONT_REGULAR: string = interRegular
export const FONT_BOLD: string = interBold
