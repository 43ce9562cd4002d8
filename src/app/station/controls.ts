/**
 * The teacher's controls as this station sees them (src/hub/controls.ts): a vanilla store kept up
 * to date by polling the hub, and the one thing that acts without a view: opening the simulation
 * the teacher assigned.
 *
 * Polling, not a stream: a GET every two seconds is one SQLite row read for the hub (30 stations
 * make 15 small requests a second), it needs no reconnect logic when a headset sleeps or the hub
 * restarts, and it holds no connection open beside the telemetry queue's. Two seconds is quick
 * enough for "pause all" in a classroom.
 */
import { createStore } from 'zustand/vanilla'
import type { ControlsResponse } from '../../hub/controls'
import type { TutorPolicy } from '../../tutor/tutor'
import { findScene } from '../registry'
import { profileStore } from '../stores/profile'
import { routeStore } from '../stores/route'
import { REVOKED_KEY_MESSAGE } from '../../shared/station'
import { authHeader, stationStore, type StationConfig } from '../stores/station'
import { exposeForTests } from '../../view/testHandles'
import type { RotationSettings } from './rotation'
import { createRotationWatch, rotationAlertStore } from './rotationAlert'

export const POLL_MS = 2000

/** What a station acts on. */
export interface StationControls {
  /** The simulation the teacher assigned to this station, or null (any lab). */
  assignedScene: string | null
  targetSuccess: number
  assessmentMode: boolean
  /** New students start with a placement (the tutor's policy.placement). */
  placement: boolean
  rotation: RotationSettings
  paused: boolean
}

export interface StationControlsState {
  /** Null until the hub first answers (and on a device that is not a station). */
  controls: StationControls | null
  /** Hub clock minus this device's clock, for the rotation countdown. */
  clockOffsetMs: number
}

export const stationControlsStore = createStore<StationControlsState>()(() => ({ controls: null, clockOffsetMs: 0 }))

/** The hub's clock as this station best knows it. */
export const hubNow = () => Date.now() + stationControlsStore.getState().clockOffsetMs

/** The tutor policy the controls ask for; empty (the tutor's defaults) away from a hub. */
export function tutorPolicyOf(controls: StationControls | null): TutorPolicy {
  return controls ? { targetSuccess: controls.targetSuccess, assessmentMode: controls.assessmentMode, placement: controls.placement } : {}
}

export function fromResponse(body: ControlsResponse, stationId: string): StationControls {
  return {
    assignedScene: body.assignments[stationId] ?? null,
    targetSuccess: body.targetSuccess,
    assessmentMode: body.assessmentMode,
    // A hub from before placement was a control sends none: the tutor's default (on).
    placement: body.placement ?? true,
    rotation: body.rotation,
    paused: body.paused,
  }
}

/** Removed by the teacher: the station forgets its key, signs the student out, and shows the join form. */
function removedFromClass(config: StationConfig): void {
  profileStore.getState().nextStudent()
  stationStore.getState().wasRemoved(config.label)
  const { route, go } = routeStore.getState()
  if (route.page !== 'station') go({ page: 'station' })
}

async function fetchControls(config: StationConfig): Promise<void> {
  const sent = Date.now()
  const res = await fetch(new URL('api/controls', document.baseURI), { headers: { Authorization: authHeader(config.key) }, cache: 'no-store' })
  if (res.status === 401) {
    const refusal = (await res.json().catch(() => ({}))) as { error?: string }
    if (refusal.error === REVOKED_KEY_MESSAGE && stationStore.getState().config === config) return removedFromClass(config)
  }
  if (!res.ok) throw new Error(`the hub answered ${res.status}`)
  const body = (await res.json()) as ControlsResponse
  const received = Date.now()
  const offset = Date.parse(body.serverTime) - (sent + received) / 2
  const controls = fromResponse(body, config.stationId)
  const state = stationControlsStore.getState()
  // Only real changes reach the views: a poll that says the same thing re-renders nothing.
  const changed = JSON.stringify(controls) !== JSON.stringify(state.controls)
  const drifted = Math.abs(offset - state.clockOffsetMs) > 500
  if (changed || drifted) stationControlsStore.setState({ ...(changed ? { controls } : {}), ...(drifted ? { clockOffsetMs: offset } : {}) })
}

/** At a station with a student signed in, the assigned simulation is the one that is open. */
function openAssignedScene(): void {
  const scene = stationControlsStore.getState().controls?.assignedScene
  const { role, pseudonym } = profileStore.getState()
  if (!scene || !findScene(scene) || role !== 'station' || pseudonym === null) return
  const { route, go } = routeStore.getState()
  if (route.page === 'station' || (route.page === 'lab' && route.sceneId !== scene)) go({ page: 'lab', sceneId: scene })
}

/** Statements waiting in this station's queue, as the open lab last reported (LabPage). */
let queueWaiting = 0
export const noteQueueWaiting = (waiting: number) => {
  queueWaiting = waiting
}

export const HEARTBEAT_MS = 10_000

/** Tells the hub who is here, which lab is open and how much waits in the queue (the Stations tab). */
async function sendHeartbeat(config: StationConfig): Promise<void> {
  const { pseudonym } = profileStore.getState()
  const { route } = routeStore.getState()
  const send = (who: string | null) =>
    fetch(new URL('api/station/heartbeat', document.baseURI), {
      method: 'POST',
      headers: { Authorization: authHeader(config.key), 'Content-Type': 'application/json' },
      body: JSON.stringify({ waiting: queueWaiting, pseudonym: who, sceneId: route.page === 'lab' ? route.sceneId : null }),
    })
  let res = await send(pseudonym)
  // A student the hub does not know here (removed from the class meanwhile): the station is still
  // alive and its queue still counts, so it reports without them rather than not at all.
  if (res.status === 403 && pseudonym !== null) res = await send(null)
  if (!res.ok) throw new Error(`the hub answered ${res.status}`)
}

let started = false

/**
 * Starts following the hub's controls for as long as this page lives (once; later calls do
 * nothing). Polls while the device is joined to a hub, and stops when it leaves.
 */
export function startStationControls(): void {
  if (started || typeof window === 'undefined') return
  started = true
  exposeForTests({ stores: { stationControls: stationControlsStore, rotationAlert: rotationAlertStore } })
  let timer: ReturnType<typeof setTimeout> | undefined
  let lastHeartbeat = 0
  const poll = async () => {
    const config = stationStore.getState().config
    if (!config) return stationControlsStore.setState({ controls: null })
    // An unreachable hub keeps the last controls: a station mid-lesson carries on as it was.
    await fetchControls(config).catch((e: Error) => console.warn(`Benchtop: could not read the teacher's controls: ${e.message}`))
    if (stationStore.getState().config !== config) return
    if (Date.now() - lastHeartbeat >= HEARTBEAT_MS) {
      lastHeartbeat = Date.now()
      await sendHeartbeat(config).catch((e: Error) => console.warn(`Benchtop: could not tell the hub this station's status: ${e.message}`))
    }
    timer = setTimeout(() => void poll(), POLL_MS)
  }
  const restart = () => {
    clearTimeout(timer)
    lastHeartbeat = 0
    void poll()
  }
  const watchRotation = createRotationWatch(() => stationControlsStore.getState().controls, hubNow)
  stationControlsStore.subscribe((state, previous) => {
    if (state.controls !== previous.controls || state.clockOffsetMs !== previous.clockOffsetMs) watchRotation()
  })
  // A new student or lab reaches the teacher's Stations tab at once, not up to ten seconds later.
  profileStore.subscribe((state, previous) => {
    if (state.pseudonym !== previous.pseudonym) lastHeartbeat = 0
  })
  stationStore.subscribe((state, previous) => {
    if (state.config !== previous.config) restart()
  })
  stationControlsStore.subscribe(openAssignedScene)
  profileStore.subscribe(openAssignedScene)
  routeStore.subscribe(openAssignedScene)
  restart()
}
