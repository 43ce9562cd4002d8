import { fileURLToPath } from 'node:url'
import { defineConfig, type Plugin } from 'vite'
import react from '@vitejs/plugin-react'
import { copyXrProfiles } from './scripts/xr-assets.ts'

const publicDir = fileURLToPath(new URL('./public', import.meta.url))

/** Puts the WebXR input profiles into public/ before dev or build (see scripts/xr-assets.ts). */
function shipXrProfiles(): Plugin {
  return { name: 'benchtop-xr-profiles', buildStart: () => void copyXrProfiles(publicDir) }
}

/**
 * @react-three/xr's built-in emulator (IWER + dev UI + synthetic rooms, ~30 MB of modules) is
 * never used: emulation is off in our XR store, and tests load IWER themselves
 * (src/xr/emulator.ts). Swapping it out keeps it out of the build entirely.
 */
function dropBuiltinEmulator(): Plugin {
  const stub = fileURLToPath(new URL('./src/xr/no-builtin-emulator.ts', import.meta.url))
  return {
    name: 'benchtop-drop-builtin-xr-emulator',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === './emulate.js' && importer && /@pmndrs[\\/]xr[\\/]dist[\\/]store\.js$/.test(importer)) return stub
      return null
    },
  }
}

export default defineConfig({
  plugins: [react(), shipXrProfiles(), dropBuiltinEmulator()],
  // Relative asset URLs: the same build works from whatever path the hub serves it on.
  base: './',
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
})
