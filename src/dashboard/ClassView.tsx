/**
 * The class view: students x skills mastery heatmap, the most-failed tasks, median time per
 * task, one student's mastery chart and timeline, and the model fit on this class's answers.
 * The numbers are the hub's overview (kept at ingest) and one student's statements, fetched
 * when the teacher picks them; classAnalytics (pure) shapes them, this file only lays them out.
 */
import { useEffect, useMemo, useState } from 'react'
import { parseBktCsv } from '../learner/csv'
import type { SkillFit } from '../learner/fit'
import { fitInWorker } from '../learner/fitClient'
import { formatDuration, masteryHeatmapOf, masterySeries, mostFailedTasks, onlyLab, studentTimeline, type ClassOverview, type TaskStats } from '../shared/classAnalytics'
import { FittedParamsTable } from './FittedParamsTable'
import { KeyRefused, type HubClient } from './hubClient'
import { MasteryChart } from './MasteryChart'
import type { SubscribeLive } from './useClassFeed'
import './classView.css'

const percent = (p: number) => `${Math.round(p * 100)}%`
const shortSkill = (skill: string) => skill.split('.').at(-1) ?? skill
/** Red (0%) through amber to green (100%), light enough for dark text; the number is the message. */
const heat = (p: number) => `hsl(${Math.round(p * 120)} 70% 85%)`
const taskLabel = (t: TaskStats) => `${t.skillName}: ${t.kind}${t.level !== null ? `, level ${t.level}` : ''}`
const clock = (at: number) => new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })

const inLab = (lab: string) => (skill: string) => !lab || skill.startsWith(`${lab}.`)

interface Props {
  overview: ClassOverview
  names: Record<string, string>
  hub: HubClient
  subscribeLive: SubscribeLive
}

export function ClassView({ overview, names, hub, subscribeLive }: Props) {
  const { labs, skillNames, students: rows } = overview
  const [chosenLab, setChosenLab] = useState('')
  // '' is every lab; a lab the hub no longer knows (data purged) falls back to all.
  const lab = labs.some((l) => l.id === chosenLab) ? chosenLab : ''
  const heatmap = useMemo(() => masteryHeatmapOf(rows, lab || undefined), [rows, lab])
  const tasks = useMemo(() => overview.tasks.filter((t) => inLab(lab)(t.skill)), [overview.tasks, lab])
  const failed = useMemo(() => mostFailedTasks(tasks), [tasks])
  const [chosen, setChosen] = useState('')
  const student = heatmap.students.includes(chosen) ? chosen : (heatmap.students[0] ?? '')
  const statements = useStudentStatements(hub, student, subscribeLive)
  const shown = useMemo(() => (lab ? onlyLab(statements, lab) : statements), [statements, lab])
  const timeline = useMemo(() => (student ? studentTimeline(shown, student) : []), [shown, student])
  const series = useMemo(() => (student ? masterySeries(shown, student) : {}), [shown, student])
  const label = (pseudonym: string) => names[pseudonym] ?? pseudonym
  // Rows in the order a teacher looks for them: by the name shown.
  const students = [...heatmap.students].sort((a, b) => label(a).localeCompare(label(b), undefined, { numeric: true }))

  return (
    <section className="class-view" aria-labelledby="class-view-title">
      <h3 id="class-view-title">The class at a glance</h3>
      {heatmap.students.length === 0 ? <p>No answers yet: the class view fills in as students work.</p> : null}
      {labs.length > 1 ? (
        <p>
          <label htmlFor="class-view-lab">Lab</label>{' '}
          <select id="class-view-lab" value={lab} onChange={(e) => setChosenLab(e.target.value)}>
            <option value="">All labs</option>
            {labs.map((l) => (
              <option key={l.id} value={l.id}>
                {l.title}
              </option>
            ))}
          </select>
        </p>
      ) : null}
      <div className="class-columns">
        <div>
          <div className="table-scroll">
            <table className="heatmap" aria-label="Mastery by student and skill">
              <thead>
                <tr>
                  <th scope="col">Student</th>
                  {heatmap.skills.map((skill) => (
                    <th scope="col" key={skill} title={skill}>
                      {skillNames[skill] ?? shortSkill(skill)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {students.map((pseudonym) => (
                  <tr key={pseudonym} data-pseudonym={pseudonym}>
                    <th scope="row">{label(pseudonym)}</th>
                    {heatmap.skills.map((skill) => {
                      const p = heatmap.mastery[pseudonym]?.[skill]
                      return p === undefined ? (
                        <td key={skill} data-skill={skill} className="untried">
                          <span aria-label="not tried yet">–</span>
                        </td>
                      ) : (
                        <td key={skill} data-skill={skill} style={{ backgroundColor: heat(p) }}>
                          {percent(p)}
                        </td>
                      )
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="legend">Mastery is the model's chance that the student has the skill (95% counts as mastered); the colour runs from red (low) to green (high).</p>
        </div>
        <div>
          <h3>Most-failed tasks</h3>
          {failed.length === 0 ? (
            <p>No wrong answers yet.</p>
          ) : (
            <table aria-label="Most-failed tasks">
              <thead>
                <tr>
                  <th scope="col">Task</th>
                  <th scope="col">Answers</th>
                  <th scope="col">Wrong</th>
                  <th scope="col">Failure rate</th>
                </tr>
              </thead>
              <tbody>
                {failed.map((t) => (
                  <tr key={t.key}>
                    <th scope="row">
                      {taskLabel(t)}
                      <div className="example">e.g. {t.example}</div>
                    </th>
                    <td>{t.attempts}</td>
                    <td>{t.failures}</td>
                    <td>{percent(t.failureRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}

          <h3>Time per task</h3>
          {tasks.length === 0 ? null : (
            <table aria-label="Median time per task">
              <thead>
                <tr>
                  <th scope="col">Task</th>
                  <th scope="col">Answers</th>
                  <th scope="col">Median time to answer</th>
                </tr>
              </thead>
              <tbody>
                {[...tasks]
                  .sort((a, b) => (b.medianMs ?? -1) - (a.medianMs ?? -1))
                  .map((t) => (
                    <tr key={t.key}>
                      <th scope="row">{taskLabel(t)}</th>
                      <td>{t.attempts}</td>
                      <td>{formatDuration(t.medianMs)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
        </div>
      </div>

      {student ? (
        <>
          <h3>One student</h3>
          <label htmlFor="timeline-student">Student</label>{' '}
          <select id="timeline-student" value={student} onChange={(e) => setChosen(e.target.value)}>
            {students.map((pseudonym) => (
              <option key={pseudonym} value={pseudonym}>
                {names[pseudonym] ? `${names[pseudonym]} (${pseudonym})` : pseudonym}
              </option>
            ))}
          </select>
          <div className="class-columns">
            <MasteryChart series={series} studentLabel={label(student)} />
            <ol className="timeline" aria-label={`Timeline of ${label(student)}`}>
              {timeline.map((entry, i) => (
                <li key={i} data-kind={entry.kind} className={entry.correct === undefined ? undefined : entry.correct ? 'right' : 'wrong'}>
                  <time dateTime={new Date(entry.at).toISOString()}>{clock(entry.at)}</time> {entry.text}
                </li>
              ))}
            </ol>
          </div>
        </>
      ) : null}
      {/* A fit belongs to the lab it was made for: switching labs starts afresh. */}
      <ClassFit key={lab} hub={hub} lab={lab} />
    </section>
  )
}

type FitState = { status: 'idle' } | { status: 'fitting' } | { status: 'done'; answers: number; fits: Record<string, SkillFit> } | { status: 'error'; message: string }

/**
 * One student's statements: from the hub when the teacher picks them, then the live feed's new
 * ones added as they come (by id, so one the hub's answer already held is not counted twice).
 */
function useStudentStatements(hub: HubClient, pseudonym: string, subscribeLive: SubscribeLive): unknown[] {
  const [loaded, setLoaded] = useState<{ pseudonym: string; statements: unknown[] }>({ pseudonym: '', statements: [] })
  useEffect(() => {
    if (!pseudonym) return
    const controller = new AbortController()
    const mine = (statements: readonly unknown[]) => statements.filter((s) => (s as { actor?: { account?: { name?: string } } }).actor?.account?.name === pseudonym)
    let held: unknown[] | null = null
    const early: unknown[] = []
    const add = (fresh: readonly unknown[]) => {
      const seen = new Set(held!.map((s) => (s as { id?: string }).id))
      held = [...held!, ...fresh.filter((s) => !seen.has((s as { id?: string }).id))]
      setLoaded({ pseudonym, statements: held })
    }
    // Listening before asking: what is stored while the answer travels is not missed.
    const stop = subscribeLive((statements) => {
      const fresh = mine(statements)
      if (!fresh.length) return
      if (held) add(fresh)
      else early.push(...fresh)
    })
    hub
      .json<{ statements: unknown[] }>(`api/class-view/students/${encodeURIComponent(pseudonym)}`, { signal: controller.signal })
      .then((body) => {
        held = body.statements
        add(early)
      })
      .catch(() => {})
    return () => {
      stop()
      controller.abort()
    }
  }, [hub, pseudonym, subscribeLive])
  return loaded.pseudonym === pseudonym ? loaded.statements : []
}

/** The EM fit (the Teacher page's FitTool) on this class's first attempts, in a Web Worker. */
function ClassFit({ hub, lab }: { hub: HubClient; lab: string }) {
  const [state, setState] = useState<FitState>({ status: 'idle' })
  const fit = async () => {
    try {
      setState({ status: 'fitting' })
      const res = await hub.fetch('api/export/learners.csv')
      if (!res.ok) throw new Error(`the hub answered ${res.status}`)
      const rows = parseBktCsv(await res.text()).filter((r) => inLab(lab)(r.skill))
      if (!rows.length) return setState({ status: 'error', message: 'no answers yet' })
      setState({ status: 'done', answers: rows.length, fits: await fitInWorker(rows) })
    } catch (error) {
      if (error instanceof KeyRefused) return
      setState({ status: 'error', message: error instanceof Error ? error.message : String(error) })
    }
  }
  return (
    <>
      <h3>The learner model for this class</h3>
      <p>Fits the model's four parameters per skill to this class's answers, on this computer.</p>
      <button type="button" onClick={() => void fit()} disabled={state.status === 'fitting'}>
        Fit the model to this class
      </button>
      <div aria-live="polite">
        {state.status === 'fitting' ? <p>Fitting…</p> : null}
        {state.status === 'error' ? <p role="alert">Could not fit: {state.message}</p> : null}
        {state.status === 'done' ? (
          <FittedParamsTable fits={state.fits} caption={`Fitted to ${state.answers} answers`} />
        ) : null}
      </div>
    </>
  )
}
