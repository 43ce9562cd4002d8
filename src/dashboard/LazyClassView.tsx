/**
 * The class view and the stations' QR code, loaded when the teacher opens the dashboard: the
 * teacher page is part of the app's start-up download, and students' devices should not carry
 * the class analytics, chart or QR code.
 */
import { lazy, Suspense, type ComponentProps } from 'react'
import type { ClassView as ClassViewType } from './ClassView'
import type { HubClient } from './hubClient'

const ClassView = lazy(() => import('./ClassView').then((m) => ({ default: m.ClassView })))
const StationQr = lazy(() => import('./StationQr').then((m) => ({ default: m.StationQr })))

export function LazyClassView(props: ComponentProps<typeof ClassViewType>) {
  return (
    <Suspense fallback={<p>Loading the class view…</p>}>
      <ClassView {...props} />
    </Suspense>
  )
}

export function LazyStationQr(props: { hub: HubClient }) {
  return (
    <Suspense fallback={null}>
      <StationQr {...props} />
    </Suspense>
  )
}
