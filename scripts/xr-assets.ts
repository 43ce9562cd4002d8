// Copies the WebXR input profiles the app needs (controller and hand models) out of the npm
// package into public/, so that no headset ever fetches them from a CDN: a classroom may have
// no internet, and @react-three/xr creates no controller at all when its models cannot load.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** Quest family controllers, the generic fallbacks, and the hand. */
export const SHIPPED_PROFILES = [
  'meta-quest-touch-plus',
  'meta-quest-touch-plus-v2',
  'meta-quest-touch-pro',
  'oculus-touch-v3',
  'oculus-touch-v2',
  'generic-trigger',
  'generic-trigger-squeeze-thumbstick',
  'generic-hand',
]

export const XR_PROFILES_DIR = 'xr-profiles'

export function copyXrProfiles(publicDir: string): string {
  const require = createRequire(import.meta.url)
  const source = join(dirname(require.resolve('@webxr-input-profiles/assets/package.json')), 'dist', 'profiles')
  const target = join(publicDir, XR_PROFILES_DIR)
  const marker = join(target, 'profilesList.json')
  if (existsSync(marker)) return target
  mkdirSync(target, { recursive: true })
  for (const id of SHIPPED_PROFILES) cpSync(join(source, id), join(target, id), { recursive: true })
  // Only list what ships, so an unknown controller falls back to generic-trigger instead of a 404.
  const fullList = JSON.parse(readFileSync(join(source, 'profilesList.json'), 'utf8'))
  const list = Object.fromEntries(Object.entries(fullList as Record<string, unknown>).filter(([id]) => SHIPPED_PROFILES.includes(id)))
  writeFileSync(marker, JSON.stringify(list, null, 2))
  return target
}
