import { useEffect, useRef, type ReactNode } from 'react'
import { TeleportTarget, XROrigin, useXRControllerLocomotion } from '@react-three/xr'
import type { Group, Vector3 } from 'three'
import { xrStore } from './store'
import { MergedController, TeleportingMergedController } from './MergedController'

/**
 * The player's origin. With teleport on, the right thumbstick snap-turns by 30 degrees and the
 * floor accepts teleports; with it off (the default) nothing moves the player but their body.
 */
export function ComfortOrigin({ teleport, children }: { teleport: boolean; children?: ReactNode }) {
  const origin = useRef<Group>(null)
  useEffect(() => {
    xrStore.setController(teleport ? TeleportingMergedController : MergedController)
    xrStore.setHand({ teleportPointer: teleport })
  }, [teleport])
  useXRControllerLocomotion(origin, false, teleport ? { type: 'snap', degrees: 30, deadZone: 0.5 } : false, 'left')
  return (
    <>
      <XROrigin ref={origin} />
      {teleport ? (
        <TeleportTarget onTeleport={(point: Vector3) => origin.current?.position.set(point.x, 0, point.z)}>
          <mesh rotation-x={-Math.PI / 2} position-y={0.001} name="teleport-floor">
            <circleGeometry args={[3, 48]} />
            <meshBasicMaterial transparent opacity={0} depthWrite={false} />
          </mesh>
        </TeleportTarget>
      ) : null}
      {children}
    </>
  )
}
