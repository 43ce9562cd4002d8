/**
 * framingDistance: how far from the task the desktop camera stands so the whole task box is in
 * view. Hand-worked cases, then a check with three's own camera that the box's corners land
 * inside the picture (and near its edge: the bench is framed, not lost in the middle).
 */
import { describe, expect, it } from 'vitest'
import { PerspectiveCamera, Vector3 } from 'three'
import { framingDistance, type CameraFocus } from '../../src/view/cameraFocus'

const focus = (width: number, depth: number, height: number, elevation: number): CameraFocus => ({ centre: [0, 0, 0], width, depth, height, elevation })

describe('framingDistance', () => {
  it('a 1 m wide strip seen level through a 90 degree square view: half its width from the camera, plus the 4% margin', () => {
    // tan(45) = 1, so half the width (0.5 m) fills half the view at 0.5 m.
    expect(framingDistance(focus(1, 0, 0, 0), 90, 1)).toBeCloseTo(0.52, 12)
  })

  it('a wide canvas: the height decides, not the width', () => {
    // 90 degrees high, aspect 2: 1 m of width needs 0.25 m, 2 m of height needs 1 m.
    expect(framingDistance(focus(1, 0, 2, 0), 90, 2)).toBeCloseTo(1.04, 12)
  })

  it('a narrow canvas: the width decides', () => {
    // 90 degrees high, aspect 0.5: half-width 0.5 m over tan = 0.5 needs 1 m; the 0.2 m height needs 0.1 m.
    expect(framingDistance(focus(1, 0, 0.2, 0), 90, 0.5)).toBeCloseTo(1.04, 12)
  })

  it('looking down at 30 degrees on a 1 m deep box: the depth is foreshortened, and its near edge comes closer', () => {
    // Seen height = 1 sin 30 = 0.5 m; half of it over tan 30 = 0.4330; near edge 0.5 cos 30 = 0.4330 closer.
    // (0.4330 + 0.4330) x 1.04 = 0.9007.
    expect(framingDistance(focus(0, 1, 0, Math.PI / 6), 60, 1)).toBeCloseTo(0.9007, 4)
  })

  it('a box seen from straight above: its top is nearer than its centre by half its height, and must still fit', () => {
    // Top-down, 90 degrees, square: the 1 m wide top is 0.5 m nearer, so 0.5 + 0.5 = 1 m, plus 4%.
    expect(framingDistance(focus(1, 0, 1, Math.PI / 2), 90, 1)).toBeCloseTo(1.04, 12)
  })

  it.each([
    ['Circuit Lab on a 1024x768 Chromebook', focus(0.98, 0.46, 0.16, 0.82), 0.95],
    ['Projectile on a 1280x800 laptop', focus(0.88, 0.42, 0.2, 0.5), 1.16],
    ['Measure on a wide screen', focus(0.92, 0.42, 0.06, 0.85), 1.9],
  ])('%s: every corner of the box is in the picture, and the box reaches near its edge', (_what, f, aspect) => {
    const fov = 55
    const distance = framingDistance(f, fov, aspect)
    const camera = new PerspectiveCamera(fov, aspect, 0.01, 100)
    camera.position.set(0, Math.sin(f.elevation) * distance, Math.cos(f.elevation) * distance)
    camera.lookAt(0, 0, 0)
    camera.updateMatrixWorld()
    let reach = 0
    for (const x of [-f.width / 2, f.width / 2])
      for (const y of [-f.height / 2, f.height / 2])
        for (const z of [-f.depth / 2, f.depth / 2]) {
          const p = new Vector3(x, y, z).project(camera)
          expect(Math.abs(p.x)).toBeLessThanOrEqual(1)
          expect(Math.abs(p.y)).toBeLessThanOrEqual(1)
          reach = Math.max(reach, Math.abs(p.x), Math.abs(p.y))
        }
    expect(reach).toBeGreaterThan(0.85)
  })
})
