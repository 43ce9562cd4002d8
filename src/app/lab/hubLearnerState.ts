/**
 * A student's learner model follows them between stations and between headset and desktop:
 * at a station joined to the hub it is kept in the hub's xAPI State resource, per pseudonym
 * and simulation.
 */
import { LEARNER_STATE_ID, learnerStateActivity } from '../../shared/learnerFold'
import { authHeader, ensureSignedIn, type StationConfig } from '../stores/station'


function stateUrl(config: StationConfig, sceneId: string, pseudonym: string): URL {
  const url = new URL(`${config.endpoint.replace(/\/?$/, '/')}activities/state`, document.baseURI)
  url.searchParams.set('activityId', learnerStateActivity(sceneId))
  url.searchParams.set('agent', JSON.stringify({ objectType: 'Agent', account: { homePage: config.homePage, name: pseudonym } }))
  url.searchParams.set('stateId', LEARNER_STATE_ID)
  return url
}

const headers = (config: StationConfig) => ({ Authorization: authHeader(config.key), 'X-Experience-API-Version': '2.0.0' })

/**
 * The learner state to resume, undefined when there is none yet: the hub's copy with every answer
 * it holds and that copy lacks folded in (src/hub/learnerStateApi.ts), so progress made at another
 * station, or here while the hub was out of reach, is never rolled back. Network trouble is an
 * error the caller may ignore.
 */
export async function loadLearnerState(config: StationConfig, sceneId: string, pseudonym: string): Promise<unknown> {
  // The hub serves a station only the state of students signed in at it.
  await ensureSignedIn(config, pseudonym)
  const url = new URL(`api/learner-state/${encodeURIComponent(sceneId)}/${encodeURIComponent(pseudonym)}`, document.baseURI)
  const res = await fetch(url, { headers: { Authorization: authHeader(config.key) } })
  if (res.status === 404) return undefined
  if (!res.ok) throw new Error(`the hub answered ${res.status}`)
  return res.json()
}

export async function saveLearnerState(config: StationConfig, sceneId: string, pseudonym: string, state: unknown): Promise<void> {
  // POST merges JSON documents; the whole state is sent, so every key is replaced.
  const res = await fetch(stateUrl(config, sceneId, pseudonym), {
    method: 'POST',
    headers: { ...headers(config), 'Content-Type': 'application/json' },
    body: JSON.stringify(state),
  })
  if (!res.ok) throw new Error(`the hub answered ${res.status}`)
}
