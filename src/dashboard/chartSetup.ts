/**
 * Chart.js registered tree-shaken: only the line chart on linear axes that the mastery plots
 * use. Loaded with a dynamic import, so chart.js stays out of the app's start-up download.
 */
import { Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js'

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip)

export { Chart }
