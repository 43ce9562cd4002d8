import { useState } from 'react'
import { CsvError, parseBktCsv } from '../../learner/csv'
import type { SkillFit } from '../../learner/fit'
import { fitInWorker } from '../../learner/fitClient'
import { FittedParamsTable } from '../../dashboard/FittedParamsTable'

type FitState = { status: 'idle' } | { status: 'fitting'; rows: number } | { status: 'done'; rows: number; ms: number; fits: Record<string, SkillFit> } | { status: 'error'; message: string }

/**
 * Fits BKT parameters (prior, learn, guess, slip) per skill from a pyBKT-style CSV, in a Web
 * Worker so the page stays responsive. The file never leaves this computer.
 */
export function FitTool() {
  const [state, setState] = useState<FitState>({ status: 'idle' })
  const onFile = async (file: File | undefined) => {
    if (!file) return
    try {
      const rows = parseBktCsv(await file.text())
      setState({ status: 'fitting', rows: rows.length })
      const started = performance.now()
      const fits = await fitInWorker(rows)
      setState({ status: 'done', rows: rows.length, ms: performance.now() - started, fits })
    } catch (error) {
      setState({ status: 'error', message: error instanceof CsvError || error instanceof Error ? error.message : String(error) })
    }
  }
  return (
    <section className="fit-tool" aria-labelledby="fit-title">
      <h2 id="fit-title">Fit the learner model to your data</h2>
      <p>
        Choose a CSV with the columns <code>user_id, skill_name, correct, order_id</code> (as exported by the hub, or as
        pyBKT reads). The fit runs on this computer; nothing is uploaded.
      </p>
      <label htmlFor="fit-file">CSV file</label> <input id="fit-file" type="file" accept=".csv,text/csv" onChange={(e) => void onFile(e.target.files?.[0])} />
      <div aria-live="polite" data-testid="fit-status">
        {state.status === 'fitting' ? <p>Fitting {state.rows} rows…</p> : null}
        {state.status === 'error' ? <p role="alert">Could not fit: {state.message}</p> : null}
        {state.status === 'done' ? (
          <>
            <p>
              Fitted {state.rows} rows in {(state.ms / 1000).toFixed(2)} s.
            </p>
            <FittedParamsTable fits={state.fits} />
          </>
        ) : null}
      </div>
    </section>
  )
}
