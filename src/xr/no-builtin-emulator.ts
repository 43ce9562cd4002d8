// Stands in for @react-three/xr's built-in emulator, which Benchtop never turns on (see vite.config.ts).
export function emulate(): never {
  throw new Error('Benchtop: the built-in XR emulator is not bundled; open the app with ?iwer=1 to emulate a headset.')
}
