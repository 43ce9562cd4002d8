import { createStore } from 'zustand/vanilla'

/** Where the person is in the app. Kept in the URL hash so reload and Back work. */
export type Route =
  | { page: 'start' }
  | { page: 'student' }
  | { page: 'station' }
  | { page: 'teacher' }
  | { page: 'lab'; sceneId: string }

/** Parameters after '?' in the hash, e.g. the station join code in '#/station?join=K7M2QX'. */
export function hashParams(hash: string): URLSearchParams {
  const query = hash.indexOf('?')
  return new URLSearchParams(query < 0 ? '' : hash.slice(query + 1))
}

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('?')[0]!.split('/').filter(Boolean)
  switch (parts[0]) {
    case 'student':
    case 'station':
    case 'teacher':
      return { page: parts[0] }
    case 'lab':
      return parts[1] ? { page: 'lab', sceneId: decodeURIComponent(parts[1]) } : { page: 'student' }
    default:
      return { page: 'start' }
  }
}

export function routeHash(route: Route): string {
  return route.page === 'lab' ? `#/lab/${encodeURIComponent(route.sceneId)}` : route.page === 'start' ? '#/' : `#/${route.page}`
}

export const routeStore = createStore<{ route: Route; go(route: Route): void }>()((set) => ({
  route: typeof location === 'undefined' ? { page: 'start' } : parseRoute(location.hash),
  go(route) {
    const hash = routeHash(route)
    if (location.hash !== hash) location.hash = hash
    set({ route })
  },
}))

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => routeStore.setState({ route: parseRoute(location.hash) }))
}
