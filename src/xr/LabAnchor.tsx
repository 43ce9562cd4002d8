import { useRef, type ReactNode } from 'react'
import { useFrame } from '@react-three/fiber'
import { useXR, useXRInputSourceState } from '@react-three/xr'
import { Euler, Quaternion, Vector3, type Group } from 'three'
import { recenterStore } from './recenter'

/** Table height above the floor: the lab sits within reach, seated or standing. */
export const TABLE_HEIGHT = { standing: 0.95, seated: 0.72 }
/** How far in front of the student the middle of the table is. */
export const REACH = 0.55

const _head = new Vector3()
const _forward = new Vector3()
const _headQuaternion = new Quaternion()
const _euler = new Euler(0, 0, 0, 'YXZ')

/**
 * The group every simulation is built in: metres, origin on the table top, +x to the right,
 * -z away from the student. Placed within reach at the start of a session and on "recenter"
 * (in-world button, B or Y on a controller, or the Recenter button on the page).
 */
export function LabAnchor({ seated, children }: { seated: boolean; children?: ReactNode }) {
  const group = useRef<Group>(null)
  const session = useXR((s) => s.session)
  const left = useXRInputSourceState('controller', 'left')
  const right = useXRInputSourceState('controller', 'right')
  const handled = useRef(-1)
  const buttonHeld = useRef(false)
  const placedForSession = useRef<XRSession | null | undefined>(undefined)
  const placedSeated = useRef<boolean | null>(null)

  useFrame(({ camera }) => {
    const anchor = group.current
    if (!anchor) return
    const held = right?.gamepad['b-button']?.state === 'pressed' || left?.gamepad['y-button']?.state === 'pressed'
    const buttonPressed = held && !buttonHeld.current
    buttonHeld.current = held
    const requests = recenterStore.getState().requests
    const changed = placedForSession.current !== session || placedSeated.current !== seated
    if (!changed && !buttonPressed && requests === handled.current) return
    handled.current = requests
    placedForSession.current = session
    placedSeated.current = seated

    const height = seated ? TABLE_HEIGHT.seated : TABLE_HEIGHT.standing
    if (!session) {
      // Desktop: the lab stays put in front of the orbit camera's target.
      anchor.position.set(0, height, -REACH)
      anchor.rotation.set(0, 0, 0)
      return
    }
    camera.getWorldPosition(_head)
    _euler.setFromQuaternion(camera.getWorldQuaternion(_headQuaternion), 'YXZ')
    const yaw = _euler.y
    _forward.set(-Math.sin(yaw), 0, -Math.cos(yaw))
    anchor.position.set(_head.x + _forward.x * REACH, height, _head.z + _forward.z * REACH)
    anchor.rotation.set(0, yaw, 0)
  })

  return <group ref={group} name="lab-anchor">{children}</group>
}
