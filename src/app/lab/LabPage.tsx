import { useEffect, useMemo, useRef, useState } from 'react'
import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import type { SceneViewModule, SceneViewProps } from '../../core'
import { LabCanvas } from '../../view/LabCanvas'
import { paletteFor } from '../../view/palette'
import { sendCameraCommand, type CameraCommand } from '../../view/cameraControls'
import { EnterVRButton } from '../../xr/EnterVRButton'
import { xrStore } from '../../xr/store'
import { requestRecenter } from '../../xr/recenter'
import { go, usePseudonym, useSettings } from '../hooks'
import { SettingsPanel } from '../pages/SettingsPanel'
import { SignIn } from '../pages/SignIn'
import { findScene } from '../registry'
import { profileStore } from '../stores/profile'
import { exposeForTests, testHandlesEnabled, testTaskSequence } from '../../view/testHandles'
import { StationSignIn } from '../pages/StationSetup'
import { stationStore } from '../stores/station'
import { loadLearnerState, saveLearnerState } from './hubLearnerState'
import { startLabTelemetry, type LabTelemetry } from './labTelemetry'
import { waitingText, type QueueStatus } from '../../telemetry/queue'
import { canRevealSolution, createLabSession, localLearnerStates, takesAnswers, type LabSession, type LearnerStateStore } from './labSession'
import { MasteryPanel } from './MasteryPanel'
import { XRSkillsBoard } from './XRSkillsBoard'
import { XRTutorNote } from './XRTutorNote'
import { narrate } from './narration'
import { tutorFactory } from './tutorFactory'
import { noteQueueWaiting, stationControlsStore, tutorPolicyOf } from '../station/controls'
import { PausedOverlay } from '../station/PausedOverlay'
import { StationInWorld, StationStatus, useAssignedScene, useStationTutorPolicy, VrBreakWatch } from '../station/StationControls'

const IDLE_CHECK_MS = 10_000
/** The frame benchmark's baseline: the shared stage (table, lights, camera, XR) without the scene. */
const emptyStageForBenchmarks = testHandlesEnabled && new URLSearchParams(location.search).has('emptyStage')

const CAMERA_BUTTONS: { command: CameraCommand; label: string; text: string }[] = [
  { command: 'left', label: 'Turn view left', text: '⟲' },
  { command: 'right', label: 'Turn view right', text: '⟳' },
  { command: 'up', label: 'Look from higher', text: '▲' },
  { command: 'down', label: 'Look from lower', text: '▼' },
  { command: 'in', label: 'Zoom in', text: '+' },
  { command: 'out', label: 'Zoom out', text: '−' },
  { command: 'reset', label: 'Reset view', text: 'Reset view' },
]

export function LabPage({ sceneId }: { sceneId: string }) {
  const plugin = findScene(sceneId)
  const pseudonym = usePseudonym()
  if (!plugin) {
    return (
      <main id="main" tabIndex={-1}>
        <h1>No such lab</h1>
        <p>There is no simulation called “{sceneId}”.</p>
        <button type="button" onClick={() => go({ page: 'student' })}>
          Choose a lab
        </button>
      </main>
    )
  }
  const hub = stationStore.getState().config
  if (pseudonym === null) {
    return (
      <main id="main" tabIndex={-1}>
        <h1>{plugin.title}</h1>
        {hub ? <StationSignIn config={hub} /> : <SignIn />}
      </main>
    )
  }
  return <LabRun key={`${plugin.id}:${pseudonym}`} sceneId={plugin.id} pseudonym={pseudonym} />
}

function LabRun({ sceneId, pseudonym }: { sceneId: string; pseudonym: string }) {
  const plugin = findScene(sceneId)!
  const settings = useSettings()
  const session = useMemo<LabSession>(() => {
    const hub = stationStore.getState().config
    const states: LearnerStateStore = hub
      ? { load: (scene, learner) => loadLearnerState(hub, scene, learner), save: (scene, learner, state) => saveLearnerState(hub, scene, learner, state) }
      : localLearnerStates
    return createLabSession(tutorFactory, states)
  }, [])
  const [view, setView] = useState<SceneViewModule | null>(null)
  const [viewError, setViewError] = useState<string | null>(null)

  const [queueStatus, setQueueStatus] = useState<QueueStatus | null>(null)
  // The button that opened the lab is gone: without this, keyboard and screen-reader users are
  // left on <body> and must tab through the page again to find where they are.
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    heading.current?.focus({ preventScroll: true })
  }, [])

  useEffect(() => {
    exposeForTests({ stores: { lab: session.store } })
    const sequence = testTaskSequence()
    void session.start(plugin, pseudonym, { ...tutorPolicyOf(stationControlsStore.getState().controls), ...(sequence ? { fixedSequence: sequence } : {}) })
    let live = true
    plugin.loadView().then(
      (module) => live && setView(() => module),
      (error: unknown) => live && setViewError(error instanceof Error ? error.message : String(error)),
    )
    // A paused class is not idle: no alerts for the teacher while they have everyone's attention.
    const idle = setInterval(() => stationControlsStore.getState().controls?.paused || session.checkIdle(), IDLE_CHECK_MS)
    return () => {
      live = false
      clearInterval(idle)
      session.stop()
    }
  }, [session, plugin, pseudonym])

  // At a station, every tutor event goes to the hub through the durable queue. Declared after the
  // session's effect so that on leaving, the session's end is recorded before the queue closes.
  useEffect(() => {
    const hub = stationStore.getState().config
    if (!hub) return
    let telemetry: LabTelemetry | null = null
    let unsubscribe = () => {}
    let live = true
    const onQueue = (status: QueueStatus) => {
      setQueueStatus(status)
      noteQueueWaiting(status.waiting)
    }
    void startLabTelemetry(hub, plugin, onQueue, session.store.getState().runId).then((t) => {
      if (!live) return void t.stop()
      telemetry = t
      exposeForTests({ stores: { telemetry: { getState: () => t.queue.status() } }, telemetryQueue: t.queue })
      t.record(session.store.getState().events)
      unsubscribe = session.store.subscribe((state, previous) => {
        if (state.events !== previous.events) t.record(state.events)
      })
    })
    return () => {
      live = false
      unsubscribe()
      void telemetry?.stop()
    }
  }, [session, plugin])

  const { status, error, task, scaffoldLevel, why, placement, moment, lastAssessment, lastResponse, hints, hintsLeft, solution, canReveal, answering } = useStore(
    session.store,
    useShallow((s) => ({
      status: s.status,
      error: s.error,
      task: s.task,
      scaffoldLevel: s.scaffoldLevel,
      why: s.why,
      placement: s.placement,
      moment: s.moment,
      lastAssessment: s.lastAssessment,
      lastResponse: s.lastResponse,
      hints: s.hints,
      hintsLeft: s.hintsLeft,
      solution: s.solution,
      canReveal: canRevealSolution(s),
      answering: takesAnswers(s),
    })),
  )

  useStationTutorPolicy(session)
  // The open task's own mode: a change by the teacher applies from the next task.
  const assessmentMode = useStore(session.store, (s) => s.assessmentMode)
  const assignedScene = useAssignedScene()

  // Each prompt is read once, when its task arrives (or narration is turned on).
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the task, not the prompt's text
  useEffect(() => narrate(task?.prompt ?? '', settings.narration), [task?.id, settings.narration])
  useEffect(() => narrate(lastAssessment?.feedback ?? '', settings.narration), [lastAssessment, settings.narration])
  const inXR = useStore(xrStore, (s) => s.session != null)
  const narrateHints = settings.narration || (inXR && plugin.scaffolds[scaffoldLevel]?.narratesHints === true)
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a hint is read when it is added, not when the list is copied
  useEffect(() => narrate(hints.at(-1) ?? '', narrateHints), [hints.length, narrateHints])
  useEffect(() => narrate(solution ?? '', settings.narration), [solution, settings.narration])

  // A new task starts at the top of the panel: Next sits below Check, and the new prompt must be in view.
  const panel = useRef<HTMLElement>(null)
  useEffect(() => {
    // Braces: scrolling and focusing return promises in newer browsers, and an effect's return is its cleanup.
    panel.current?.scrollTo({ top: 0 })
  }, [task?.id])

  const station = profileStore.getState().role === 'station'
  const viewProps: SceneViewProps | null = task
    ? {
        task,
        scaffoldLevel,
        settings,
        lastAssessment,
        help: { hintsOff: assessmentMode, hintsLeft, canReveal, solution, takesAnswers: answering },
        submit: (attempt, summary) => session.submit(attempt, summary),
        requestHint: () => session.requestHint(),
        revealSolution: () => session.revealSolution(),
      }
    : null
  const noHintsLeft = task !== undefined && hintsLeft <= 0
  const over = lastAssessment !== undefined || solution !== undefined
  const level = task ? plugin.levels.find((l) => l.level === task.level) : undefined
  const scaffold = plugin.scaffolds[scaffoldLevel]

  return (
    <div className="lab" data-scene={plugin.id}>
      <header className="lab-header">
        {assignedScene ? null : (
          <button type="button" className="link" onClick={() => go({ page: station ? 'station' : 'student' })}>
            ← All labs
          </button>
        )}
        <h1 ref={heading} tabIndex={-1}>
          {plugin.title}
        </h1>
        <StationStatus />
        <span className="who">{pseudonym}</span>
        {queueStatus && queueStatus.waiting > 0 ? (
          <span className={queueStatus.alert ? 'waiting alert' : 'waiting'} role="status" data-testid="waiting">
            {waitingText(queueStatus)}
          </span>
        ) : null}
        <EnterVRButton />
        {station ? (
          <button
            type="button"
            onClick={() => {
              profileStore.getState().nextStudent()
              go({ page: 'station' })
            }}
          >
            Next student
          </button>
        ) : null}
        <SettingsPanel />
      </header>
      <main className="lab-body" id="main" tabIndex={-1}>
        <section className="stage" aria-label="3D view of the lab">
          {view && viewProps ? (
            <LabCanvas settings={settings} label={plugin.describe(viewProps.task)} next={{ label: over ? 'Next task' : 'Skip', onPress: () => session.next() }}>
              {emptyStageForBenchmarks ? null : <view.Scene {...viewProps} />}
              <StationInWorld textScale={settings.textScale} />
              {inXR ? <XRSkillsBoard session={session} palette={paletteFor(settings.highContrast)} textScale={settings.textScale} /> : null}
              {inXR ? <XRTutorNote session={session} palette={paletteFor(settings.highContrast)} textScale={settings.textScale} reducedMotion={settings.reducedMotion} /> : null}
            </LabCanvas>
          ) : (
            <p className="loading">{viewError ? `The 3D view could not load: ${viewError}` : 'Loading the lab…'}</p>
          )}
          <div className="camera-buttons" role="toolbar" aria-label="Camera">
            {CAMERA_BUTTONS.map(({ command, label, text }) => (
              <button key={command} type="button" aria-label={label} title={label} data-camera={command} onClick={() => sendCameraCommand(command)}>
                {text}
              </button>
            ))}
            <button type="button" className="xr-only" onClick={requestRecenter}>
              Recenter
            </button>
          </div>
        </section>
        <aside className="lab-panel" aria-label="Task and controls" ref={panel}>
          {status === 'error' ? <p role="alert">The lab could not start: {error}</p> : null}
          <div aria-live="polite">
            {moment ? (
              // Keyed by the moment: a new one replays the entrance (none with reduced motion, app.css).
              <p key={moment.id} className={`moment moment-${moment.kind}`} data-testid="moment" data-kind={moment.kind}>
                {moment.text}
              </p>
            ) : null}
          </div>
          {task ? (
            <section className="task" aria-labelledby="task-title">
              {/* Named for screen readers; on screen the bold prompt is the task, and the space goes to Check. */}
              <h2 id="task-title" className="sr-only">
                Your task
              </h2>
              <p className="prompt" data-testid="prompt">
                {task.prompt}
              </p>
              <p className="meta">
                <span data-testid="level">Level {task.level}</span>
                {level ? ` · ${level.name}` : ''}
                {scaffold ? (
                  <>
                    {' · '}
                    <span data-testid="support" data-rung={scaffoldLevel}>
                      Support: {scaffold.name}
                    </span>
                  </>
                ) : null}
              </p>
              {why ? (
                <p className="why" data-testid="why">
                  {why}
                </p>
              ) : null}
              {placement ? (
                <p className="placement-note">
                  <button type="button" onClick={() => session.skipPlacement()} data-testid="skip-placement">
                    Skip placement
                  </button>{' '}
                  and start practising at level 1.
                </p>
              ) : null}
            </section>
          ) : null}
          {view && viewProps ? <view.Panel {...viewProps} /> : null}
          <div className="row">
            {assessmentMode ? null : (
              <button type="button" onClick={() => session.requestHint()} data-testid="hint" disabled={noHintsLeft}>
                {noHintsLeft ? 'No hints left' : 'Hint'}
              </button>
            )}
            {canReveal ? (
              <button type="button" onClick={() => session.revealSolution()} data-testid="show-solution">
                Show the solution
              </button>
            ) : null}
            <button type="button" onClick={() => session.next()} data-testid="next">
              {over ? 'Next task' : 'Skip'}
            </button>
          </div>
          <div className="feedback" aria-live="polite" data-testid="feedback" data-correct={lastAssessment ? String(lastAssessment.correct) : undefined}>
            {lastAssessment ? (
              <p className={lastAssessment.correct ? 'good' : 'bad'}>
                <strong>{lastAssessment.correct ? 'Correct. ' : 'Not yet. '}</strong>
                {lastAssessment.feedback}
                {lastResponse ? <span className="sr-only"> Your answer: {lastResponse}.</span> : null}
              </p>
            ) : null}
          </div>
          {solution !== undefined ? (
            <p className="solution" data-testid="solution" aria-live="polite">
              <strong>Solution: </strong>
              {solution} This task is over: go on with Next task.
            </p>
          ) : null}
          {hints.length > 0 ? (
            <ol className="hints" aria-label="Hints">
              {hints.map((hint, i) => (
                <li key={i}>{hint}</li>
              ))}
            </ol>
          ) : null}
          <MasteryPanel session={session} />
        </aside>
      </main>
      <VrBreakWatch />
      <PausedOverlay />
    </div>
  )
}
