import { useEffect, useRef } from 'react'
import { useFrame, useThree } from '@react-three/fiber'
import { OrbitControls } from '@react-three/drei'
import { useXR } from '@react-three/xr'
import { MathUtils, PerspectiveCamera, Spherical, Vector3 } from 'three'
import { useStore } from 'zustand'
import type { OrbitControls as OrbitControlsImpl } from 'three-stdlib'
import { cameraCommandStore } from './cameraControls'
import { cameraFocusStore, framingDistance } from './cameraFocus'
import { REACH, TABLE_HEIGHT } from '../xr/LabAnchor'

const ROTATE_STEP = MathUtils.degToRad(15)
const ZOOM_FACTOR = 1.2
const _offset = new Vector3()
const _spherical = new Spherical()

/** Orbit/zoom camera for mouse and touch, plus the keyboard commands from cameraCommandStore. Off in XR. */
export function DesktopCamera({ seated, reducedMotion }: { seated: boolean; reducedMotion: boolean }) {
  const controls = useRef<OrbitControlsImpl>(null)
  const session = useXR((s) => s.session)
  const tableY = seated ? TABLE_HEIGHT.seated : TABLE_HEIGHT.standing
  const home = useRef({ target: new Vector3(0, tableY, -REACH), position: new Vector3(0, tableY + 0.45, -REACH + 0.75) })
  const focus = useStore(cameraFocusStore, (s) => s.focus)
  const camera = useThree((s) => s.camera)
  const aspect = useThree((s) => s.size.width / Math.max(1, s.size.height))

  // The camera starts where the task happens, framed to the canvas; again when the task's place or the canvas changes.
  useEffect(() => {
    if (focus && camera instanceof PerspectiveCamera) {
      const distance = framingDistance(focus, camera.fov, aspect)
      home.current.target.set(focus.centre[0], tableY + focus.centre[1], -REACH + focus.centre[2])
      home.current.position.set(0, Math.sin(focus.elevation) * distance, Math.cos(focus.elevation) * distance).add(home.current.target)
    } else {
      home.current.target.set(0, tableY, -REACH)
      home.current.position.set(0, tableY + 0.45, -REACH + 0.75)
    }
    const c = controls.current
    if (!c) return
    c.target.copy(home.current.target)
    c.object.position.copy(home.current.position)
    c.update()
  }, [tableY, focus, camera, aspect])

  useFrame(() => {
    const c = controls.current
    const { pending } = cameraCommandStore.getState()
    if (!c || pending.length === 0) return
    for (const command of pending) {
      if (command === 'reset') {
        c.target.copy(home.current.target)
        c.object.position.copy(home.current.position)
        continue
      }
      _offset.subVectors(c.object.position, c.target)
      _spherical.setFromVector3(_offset)
      if (command === 'left') _spherical.theta -= ROTATE_STEP
      if (command === 'right') _spherical.theta += ROTATE_STEP
      if (command === 'up') _spherical.phi = Math.max(0.15, _spherical.phi - ROTATE_STEP)
      if (command === 'down') _spherical.phi = Math.min(Math.PI / 2, _spherical.phi + ROTATE_STEP)
      if (command === 'in') _spherical.radius = Math.max(c.minDistance, _spherical.radius / ZOOM_FACTOR)
      if (command === 'out') _spherical.radius = Math.min(c.maxDistance, _spherical.radius * ZOOM_FACTOR)
      _offset.setFromSpherical(_spherical)
      c.object.position.copy(c.target).add(_offset)
    }
    c.update()
    cameraCommandStore.setState({ pending: [] })
  })

  if (session) return null
  return (
    <OrbitControls
      ref={controls}
      makeDefault
      target={home.current.target}
      enableDamping={!reducedMotion}
      minDistance={0.3}
      maxDistance={3}
      maxPolarAngle={Math.PI / 2}
    />
  )
}
