import { Suspense, useEffect, useMemo } from 'react'
import { DefaultXRController, XRSpace, useLoadXRControllerModel, useXRInputSourceStateContext } from '@react-three/xr'
import { Matrix4, Mesh, type BufferGeometry, type Material, type Object3D } from 'three'
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js'

/**
 * The controller's model drawn as one mesh per material (the Quest controller's body, trigger,
 * grip, stick and four buttons are eight draw calls per eye otherwise, a tenth of the budget).
 * Its buttons no longer move when pressed; the shape and the texture are the vendor's.
 */
function MergedControllerModel() {
  const state = useXRInputSourceStateContext('controller')
  const model = useLoadXRControllerModel(state.layout)
  const merged = useMemo(() => mergeByMaterial(model), [model])
  useEffect(() => () => merged.forEach((mesh) => mesh.geometry.dispose()), [merged])
  return (
    <XRSpace space="grip-space">
      {merged.map((mesh) => (
        <primitive key={mesh.uuid} object={mesh} />
      ))}
    </XRSpace>
  )
}

const _toRoot = new Matrix4()

function mergeByMaterial(root: Object3D): Mesh[] {
  root.updateWorldMatrix(true, true)
  const rootInverse = new Matrix4().copy(root.matrixWorld).invert()
  const byMaterial = new Map<Material, BufferGeometry[]>()
  root.traverse((object) => {
    const mesh = object as Mesh
    if (!mesh.isMesh || Array.isArray(mesh.material)) return
    // Where the part sits in the model, and the model in the grip space (as XRControllerModel places it).
    const geometry = mesh.geometry.clone().applyMatrix4(_toRoot.multiplyMatrices(rootInverse, mesh.matrixWorld).premultiply(root.matrix))
    const list = byMaterial.get(mesh.material) ?? []
    list.push(geometry)
    byMaterial.set(mesh.material, list)
  })
  const meshes: Mesh[] = []
  for (const [material, geometries] of byMaterial) {
    const geometry = geometries.length === 1 ? geometries[0]! : mergeGeometries(geometries)
    // Parts whose attributes differ cannot merge: keep them as they were.
    const parts = geometry ? [geometry] : geometries
    for (const part of parts) {
      const mesh = new Mesh(part, material)
      mesh.name = 'controller-model'
      // A ray must reach the bench through the student's own hand.
      mesh.raycast = () => {}
      meshes.push(mesh)
    }
    if (geometry) geometries.forEach((g) => g !== geometry && g.dispose())
  }
  return meshes
}

/**
 * The pointers' ray and cursor in white, as @react-three/xr draws them by default, but given as a
 * number: left unset, the library parses the string 'white' every frame a ray or cursor shows,
 * which allocates (per-frame allocation in the headset's Circuit Lab, npm run bench:frames). Hands take the same (src/xr/store.ts).
 */
const WHITE = 0xffffff
export const POINTER_LOOK = { rayModel: { color: WHITE }, cursorModel: { color: WHITE } } as const
export const GRAB_POINTER_LOOK = { cursorModel: { color: WHITE } } as const

function Controller({ teleport }: { teleport: boolean }) {
  return (
    <>
      <Suspense fallback={null}>
        <MergedControllerModel />
      </Suspense>
      <DefaultXRController model={false} teleportPointer={teleport} rayPointer={POINTER_LOOK} grabPointer={GRAB_POINTER_LOOK} />
    </>
  )
}

/** A controller as @react-three/xr draws it by default (ray, grab pointer), with the merged model. */
export function MergedController() {
  return <Controller teleport={false} />
}

/** The same with the teleport pointer, for students who turned teleport on. */
export function TeleportingMergedController() {
  return <Controller teleport />
}
