/**
 * Meta's IWER emulating a Quest 3 inside the page, for tests and for developers without a
 * headset. Loaded only by a dynamic import when the URL asks for it (?iwer=1), so it never
 * enters the start-up chunk.
 */
import { XRDevice, metaQuest3 } from 'iwer'

export function installEmulator(): XRDevice {
  const device = new XRDevice(metaQuest3)
  // Chromium always has a native navigator.xr; without forceInstall IWER would stand aside.
  device.installRuntime({ forceInstall: true })
  // Poses are set by the test or the developer's console, not by a dev UI.
  device.controlMode = 'programmatic'
  return device
}
