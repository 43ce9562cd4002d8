/**
 * Printable sign-in cards, one per student: name, lab name, sign-in code, and a QR code of the
 * stations' address (without the join code: a card signs a student in, it does not join a device).
 * Shown over the dashboard; printing prints the cards only, eight to an A4 page (cards.css).
 * The QR encoder loads only here, as in StationQr.tsx.
 */
import { useEffect, useState } from 'react'
import { createPortal } from 'react-dom'
import type { StationLink } from '../shared/station'
import type { RosterEntry } from './grid'
import type { HubClient } from './hubClient'
import './cards.css'

/** The station page's address: the first station address without its join code. */
export function stationAddress(link: StationLink): string | null {
  const first = link.stationUrls[0]
  return first ? first.replace(/\?join=[^#&]*$/, '') : null
}

export function SignInCards({ hub, roster, onClose }: { hub: HubClient; roster: readonly RosterEntry[]; onClose: () => void }) {
  const [address, setAddress] = useState<string | null>(null)
  const [qr, setQr] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    hub
      .json<StationLink>('api/station-link')
      .then(async (link) => {
        const at = stationAddress(link)
        const svg = at ? await (await import('qrcode')).default.toString(at, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) : null
        if (!live) return
        setAddress(at)
        setQr(svg)
      })
      .catch((e: Error) => live && setError(`Could not read the stations' address: ${e.message}`))
    // Printing while the cards show prints the cards only.
    document.documentElement.classList.add('printing-cards')
    return () => {
      live = false
      document.documentElement.classList.remove('printing-cards')
    }
  }, [hub])

  const students = [...roster].sort((a, b) => a.displayName.localeCompare(b.displayName))
  return createPortal(
    <section className="cards-page" aria-labelledby="cards-title">
      <header className="cards-toolbar">
        <h2 id="cards-title">Sign-in cards ({students.length})</h2>
        <button type="button" className="primary" onClick={() => window.print()} disabled={!qr}>
          Print
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
        {error ? <p role="alert">{error}</p> : null}
      </header>
      <ul className="cards" aria-label="Sign-in cards">
        {students.map((s) => (
          <li key={s.pseudonym} className="card" data-testid="sign-in-card">
            <p className="card-name">{s.displayName}</p>
            <p className="card-lab">
              Lab name: <strong>{s.pseudonym}</strong>
            </p>
            <p className="card-code">
              Code: <strong>{s.code}</strong>
            </p>
            {qr ? <img className="card-qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr)}`} alt={`QR code of ${address}`} /> : null}
            <p className="card-how">At a station: scan or open {address ?? 'the station address'}, then type your code.</p>
          </li>
        ))}
      </ul>
    </section>,
    document.body,
  )
}
