/**
 * The stations' address and join code with a QR code, as the hub's terminal prints them, so a
 * teacher can point a headset's or Chromebook's camera at the dashboard. The QR encoder loads
 * only here (a dynamic import): students' devices never download it.
 */
import { useEffect, useState } from 'react'
import type { HubClient } from './hubClient'

interface StationLink {
  joinCode: string
  stationUrls: string[]
}

export function StationQr({ hub }: { hub: HubClient }) {
  const [link, setLink] = useState<StationLink | null>(null)
  const [svg, setSvg] = useState<string | null>(null)
  useEffect(() => {
    let cancelled = false
    const load = async () => {
      const res = await hub.fetch('api/station-link')
      if (!res.ok) return
      const body = (await res.json()) as StationLink
      const first = body.stationUrls[0]
      const qr = first ? await (await import('qrcode')).default.toString(first, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }) : null
      if (cancelled) return
      setLink(body)
      setSvg(qr)
    }
    void load().catch(() => {})
    return () => {
      cancelled = true
    }
  }, [hub])
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
    </details>
  )
}
