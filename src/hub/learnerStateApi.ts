/**
 * GET /api/learner-state/:sceneId/:pseudonym: a student's learner state as a station should
 * resume it: the state last saved (xAPI State, stateId "learner-model") with every answer the hub
 * has stored and that state lacks folded in (src/shared/learnerFold.ts). A station that saved
 * late, or never, cannot roll a student's progress back.
 */
import type { ServerResponse } from 'node:http'
import { findScene } from '../../scenes'
import { PSEUDONYM_PATTERN } from '../core/pseudonym'
import { foldDeliveredAnswers, LEARNER_STATE_ID, learnerStateActivity } from '../shared/learnerFold'
import { VERBS } from '../telemetry/profile'
import type { HubDb } from './db'
import { HttpError, sendJson } from './http'
import type { KeyRecord } from './keys'
import type { StationScope } from './scope'
import { ACTOR_HOME_PAGE_FOR_KEYS as ACTOR_HOME_PAGE } from './lrs'

export function createLearnerStateApi(db: HubDb, scope: StationScope) {
  const savedState = db.prepare<[string, string, string], { content: Buffer }>(
    "SELECT content FROM documents WHERE resource = 'state' AND activity_id = ? AND agent_key = ? AND registration = '' AND doc_id = ?",
  )
  const answers = db.prepare<[string, string, string], { body: string }>('SELECT body FROM statements WHERE actor_key = ? AND verb_id IN (?, ?) AND voided = 0')

  return {
    /** A station may read only students signed in there (scope.ts); the route table admits stations and the teacher. */
    read(res: ServerResponse, key: KeyRecord, sceneId: string, pseudonym: string): void {
      const plugin = findScene(sceneId)
      if (!plugin) throw new HttpError(404, `No lab "${sceneId.slice(0, 80)}" on this hub`)
      if (!PSEUDONYM_PATTERN.test(pseudonym)) throw new HttpError(400, `"${pseudonym.slice(0, 80)}" is not a pseudonym`)
      if (key.role === 'station' && !scope.hasSignedIn(key.id, pseudonym)) throw new HttpError(403, `${pseudonym} has not signed in at this station`)
      const agent = `account:${ACTOR_HOME_PAGE}|${pseudonym}`
      const row = savedState.get(learnerStateActivity(sceneId), agent, LEARNER_STATE_ID)
      let saved: unknown
      try {
        saved = row ? (JSON.parse(row.content.toString('utf8')) as unknown) : undefined
      } catch {
        // A document that is not JSON is no learner state: start from the answers alone.
        saved = undefined
      }
      const statements = answers.all(agent, VERBS.answered.id, VERBS.requestedHint.id).map((r) => JSON.parse(r.body) as unknown)
      const state = foldDeliveredAnswers(plugin, pseudonym, saved, statements)
      if (!state) throw new HttpError(404, `No saved progress for ${pseudonym} in ${sceneId}`)
      sendJson(res, 200, state)
    },
  }
}
