import { Suspense, useEffect, type ReactNode } from 'react'
import { Canvas, addAfterEffect, addEffect, useThree } from '@react-three/fiber'
import { XR, useXR } from '@react-three/xr'
import { exposeForTests, testHandlesEnabled } from './testHandles'
import { ComfortOrigin } from '../xr/Comfort'
import { LabAnchor, REACH, TABLE_HEIGHT } from '../xr/LabAnchor'
import { exitXR, xrStore } from '../xr/store'
import { requestRecenter } from '../xr/recenter'
import { XRConnectionMark } from '../xr/XRConnectionMark'
import { WorldButton } from './WorldButton'
import { DesktopCamera } from './DesktopCamera'
import { paletteFor } from './palette'
import { LabBench, LabRoom } from './LabStage'
import { cacheShadows } from './shadowCache'
import { TextBatch } from './textBatch'
import { MeshBatchRoot } from './meshBatch'
import type { ViewSettings } from '../core'

/** What the stage reads of the student's settings: the scene's view settings and whether locomotion is on. */
export type LabCanvasSettings = ViewSettings & { teleport: boolean }

const FRAME_TIME_SLOTS = 4096

if (testHandlesEnabled) {
  exposeForTests({ stores: { xr: xrStore }, frameTimes: new Float64Array(FRAME_TIME_SLOTS) })
  // Main-thread time per frame: from before R3F's frame callbacks to after its render.
  let frameStart = 0
  addEffect(() => {
    frameStart = performance.now()
  })
  addAfterEffect(() => {
    const handles = window.__benchtop
    if (!handles) return
    if (handles.frames === 0) handles.firstFrameAt = performance.now()
    handles.frameTimes![handles.frames % FRAME_TIME_SLOTS] = performance.now() - frameStart
    handles.frames++
  })
}

function XRClassName() {
  const session = useXR((s) => s.session)
  useEffect(() => {
    document.body.classList.toggle('in-xr', session != null)
  }, [session])
  return null
}

/** The shadow pass runs only on frames where something that casts a shadow moved (see shadowCache.ts). */
function ShadowCache() {
  const gl = useThree((s) => s.gl)
  const scene = useThree((s) => s.scene)
  useEffect(() => cacheShadows(gl, scene), [gl, scene])
  return null
}

/** The page's Next task / Skip button, for the headset. */
export interface NextTaskControl {
  label: string
  onPress(): void
}

/**
 * In the headset the page's buttons are out of sight: leaving, recentering and moving on to the
 * next task live on the table.
 */
function XRSessionButtons({ settings, next }: { settings: LabCanvasSettings; next?: NextTaskControl }) {
  const inXR = useXR((s) => s.session != null)
  if (!inXR) return null
  const palette = paletteFor(settings.highContrast)
  return (
    // Above the scenes' task panels (whose tops stand at most 0.47 m over the table), not across their text.
    <group position={[0, 0.53, -0.24]} rotation-x={Math.PI / 2.4}>
      <WorldButton name="exit-vr-button" label="Leave VR" position={[0.36, 0, 0]} width={0.14} palette={palette} textScale={settings.textScale} onPress={() => void exitXR()} />
      {next ? <WorldButton name="next-button" label={next.label} position={[0, 0, 0]} width={0.16} palette={palette} textScale={settings.textScale} onPress={next.onPress} /> : null}
      <WorldButton name="recenter-button" label="Recenter" position={[-0.36, 0, 0]} width={0.14} palette={palette} textScale={settings.textScale} onPress={requestRecenter} />
    </group>
  )
}

/**
 * The shared stage for every simulation: desktop orbit camera, XR session, comfort origin
 * and the LabAnchor that places the simulation on a table within reach.
 */
export function LabCanvas({ settings, label, next, children }: { settings: LabCanvasSettings; label: string; next?: NextTaskControl; children: ReactNode }) {
  const palette = paletteFor(settings.highContrast)
  const tableY = settings.seated ? TABLE_HEIGHT.seated : TABLE_HEIGHT.standing
  return (
    <Canvas
      className="lab-canvas"
      aria-label={label}
      role="img"
      dpr={[1, 1.5]}
      // Shadows from the stage's one key light (PCF: PCFSoft is gone from three).
      shadows="percentage"
      camera={{ position: [0, tableY + 0.45, -REACH + 0.75], fov: 55, near: 0.02, far: 50 }}
      onCreated={(state) => exposeForTests({ three: state })}
    >
      <XR store={xrStore}>
        <TextBatch>
          <MeshBatchRoot>
            <XRClassName />
            <ShadowCache />
            <XRConnectionMark />
            <color attach="background" args={[palette.background]} />
            <LabRoom highContrast={settings.highContrast} />
            <ComfortOrigin teleport={settings.teleport} />
            <DesktopCamera seated={settings.seated} reducedMotion={settings.reducedMotion} />
            <LabAnchor seated={settings.seated}>
              <LabBench height={tableY} highContrast={settings.highContrast} />
              <XRSessionButtons settings={settings} next={next} />
              <Suspense fallback={null}>{children}</Suspense>
            </LabAnchor>
          </MeshBatchRoot>
        </TextBatch>
      </XR>
    </Canvas>
  )
}
