import { useEffect } from 'react'
import { xrConnection } from './store'

/**
 * Rendered inside <XR>, which connects the store to three.js while it renders: by the time this
 * child's effect runs, entering VR can work. Unmounted with the lab's canvas, it says so.
 */
export function XRConnectionMark() {
  useEffect(() => {
    xrConnection.setState({ connected: true })
    return () => xrConnection.setState({ connected: false })
  }, [])
  return null
}
