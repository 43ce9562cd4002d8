/**
 * The class view, loaded when the teacher opens the dashboard: the teacher page is part of the
 * app's start-up download, and students' devices should not carry the class analytics.
 */
import { lazy, Suspense } from 'react'

const ClassView = lazy(() => import('./ClassView').then((m) => ({ default: m.ClassView })))

export function LazyClassView(props: { statements: readonly unknown[]; names: Record<string, string> }) {
  return (
    <Suspense fallback={<p>Loading the class view…</p>}>
      <ClassView {...props} />
    </Suspense>
  )
}
