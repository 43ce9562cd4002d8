/**
 * The stations' address and join code with a QR code, as the hub's terminal prints them, so a
 * teacher can point a headset's or Chromebook's camera at the dashboard. The QR encoder loads
 * only here (a dynamic import): students' devices never download it.
 */
import { useCallback, useEffect, useState } from 'react'
import { JOIN_CODE_CHANGED, type StationLink } from '../shared/station'
import type { HubClient } from './hubClient'

export function StationQr({ hub }: { hub: HubClient }) {
  const [link, setLink] = useState<StationLink | null>(null)
  const [svg, setSvg] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const show = useCallback(async (body: StationLink, isCurrent: () => boolean) => {
    const first = body.stationUrls[0]
    const qr = first ? await (await import('qrcode')).default.toString(first, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }) : null
    if (!isCurrent()) return
    setLink(body)
    setSvg(qr)
  }, [])
  const load = useCallback(
    async (isCurrent: () => boolean) => {
      const res = await hub.fetch('api/station-link')
      if (res.ok) await show((await res.json()) as StationLink, isCurrent)
    },
    [hub, show],
  )
  useEffect(() => {
    let cancelled = false
    const reload = () => void load(() => !cancelled).catch(() => {})
    reload()
    addEventListener(JOIN_CODE_CHANGED, reload)
    return () => {
      cancelled = true
      removeEventListener(JOIN_CODE_CHANGED, reload)
    }
  }, [load])
  // A new code: devices that have not joined need it; joined stations keep their keys.
  const rotate = async () => {
    setError(null)
    const res = await hub.fetch('api/join-code/rotate', { method: 'POST' })
    if (!res.ok) return setError(`Could not change the join code: the hub answered ${res.status}`)
    await load(() => true)
  }
  if (!link) return null
  return (
    <details className="station-qr" open>
      <summary>Stations join here (code {link.joinCode})</summary>
      {svg ? <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} width={160} height={160} alt={`QR code of ${link.stationUrls[0]}`} /> : null}
      <ul aria-label="Station addresses">
        {link.stationUrls.map((url) => (
          <li key={url}>
            <code>{url}</code>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => void rotate()}>
        New join code
      </button>
      {error ? <p role="alert">{error}</p> : null}
      <p aria-label="External tool keys">
        {link.lrsKeys.length === 0
          ? 'No external xAPI tool has a key (--lrs-key) this run.'
          : `External xAPI tools that can read every statement this run (--lrs-key): ${link.lrsKeys.map((k) => k.id).join(', ')}`}
      </p>
    </details>
  )
}
