/**
 * One student's mastery of each skill over time, as a line chart (chart.js, loaded on first
 * use). The canvas carries a text summary for screen readers, and the figure caption shows it.
 */
import { useEffect, useRef, useState } from 'react'
import type { Chart } from 'chart.js'
import { describeSeries, type MasteryPoint } from '../shared/classAnalytics'

// Distinguishable on white and in grey-scale print; the legend names each line too.
const COLOURS = ['#1f6feb', '#d1242f', '#1a7f37', '#8250df', '#bf8700', '#0a7d8c', '#cf222e', '#57606a']

export function MasteryChart({ series, studentLabel }: { series: Record<string, MasteryPoint[]>; studentLabel: string }) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const chart = useRef<Chart<'line', { x: number; y: number }[]> | null>(null)
  const [failed, setFailed] = useState<string | null>(null)
  const summary = describeSeries(series)

  useEffect(() => {
    let cancelled = false
    const skills = Object.keys(series).sort()
    const start = Math.min(...skills.flatMap((s) => series[s]!.map((p) => p.at)))
    // Minutes since the student's first task: a plain linear axis needs no date library.
    const datasets = skills.map((skill, i) => ({
      label: skill,
      data: series[skill]!.map((p) => ({ x: Number(((p.at - start) / 60_000).toFixed(2)), y: Math.round(p.mastery * 100) })),
      borderColor: COLOURS[i % COLOURS.length],
      backgroundColor: COLOURS[i % COLOURS.length],
    }))
    import('./chartSetup')
      .then(({ Chart }) => {
        if (cancelled || !canvas.current) return
        if (chart.current) {
          chart.current.data.datasets = datasets
          chart.current.update()
          return
        }
        chart.current = new Chart(canvas.current, {
          type: 'line',
          data: { datasets },
          options: {
            animation: false,
            maintainAspectRatio: false,
            scales: {
              x: { type: 'linear', title: { display: true, text: 'minutes since the first task' } },
              y: { type: 'linear', min: 0, max: 100, title: { display: true, text: 'mastery (%)' } },
            },
            plugins: { legend: { position: 'bottom' } },
          },
        })
      })
      .catch((error: Error) => setFailed(error.message))
    return () => {
      cancelled = true
    }
  }, [series])

  useEffect(() => () => chart.current?.destroy(), [])

  return (
    <figure className="mastery-chart">
      <div className="chart-box">
        <canvas ref={canvas} role="img" aria-label={`Mastery over time for ${studentLabel}: ${summary}`} />
      </div>
      <figcaption>{failed ? `The chart could not load (${failed}). ${summary}` : summary}</figcaption>
    </figure>
  )
}
