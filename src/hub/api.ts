/**
 * The hub's own API for stations and the teacher (besides xAPI): the class list, sign-in by
 * code, the roster (names stay here), retention (delete, purge, export one pseudonym).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { TLSSocket } from 'node:tls'
import { randomInt } from 'node:crypto'
import { makePseudonym, PSEUDONYM_PATTERN } from '../core/pseudonym'
import type { ClassList, RosterSettings, StationConfig, StationLink } from '../shared/station'
import type { HubDb } from './db'
import { HttpError, readJson, sendJson } from './http'
import { issueKey, listKeys, revokeKey, type KeyRecord } from './keys'
import type { GuessLimit } from './limits'
import type { StationScope } from './scope'
import { classOfRequest, classOfStation, defaultClassId, makeJoinCode, type JoinCodes } from './classes'
import { stationStatuses } from './stationStatus'
import { lanAddresses } from './tls'

/** Short codes a student can type: no 0/O or 1/I to confuse. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
const makeCode = () => Array.from({ length: 5 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')

export { ACTOR_HOME_PAGE_FOR_KEYS as ACTOR_HOME_PAGE } from './lrs'
import { ACTOR_HOME_PAGE_FOR_KEYS as ACTOR_HOME_PAGE } from './lrs'
import type { JsonObject } from './lrs/agents'
import { createAttachmentStore, declaredHashes } from './lrs/attachments'
import { deletePseudonym, MAX_PURGE_DAYS, purgeOlderThan, statementsNaming } from './retention'

/**
 * A station joins with the join code (printed by the hub, in its QR code) and gets a key of its
 * own, so the teacher can revoke one station without touching the others.
 */
export function joinStation(db: HubDb, joinCodes: Pick<JoinCodes, 'classOf'>, body: unknown): StationConfig {
  const { code, label } = (body ?? {}) as { code?: unknown; label?: unknown }
  // The code names the class too: a station joins the class whose code it was given.
  const classId = typeof code === 'string' ? joinCodes.classOf(code.trim().toUpperCase()) : null
  if (classId === null) throw new HttpError(403, 'That join code is not this hub\'s: check the code the teacher\'s screen shows')
  const name = typeof label === 'string' && label.trim() ? label.trim().slice(0, 40) : 'Station'
  const key = issueKey(db, 'station', name)
  db.prepare('UPDATE keys SET class_id = ? WHERE id = ?').run(classId, key.id)
  return { stationId: key.id, label: name, endpoint: '/xapi/', key: `${key.id}:${key.secret}`, homePage: ACTOR_HOME_PAGE }
}

export { makeJoinCode }

export interface RosterEntry {
  pseudonym: string
  displayName: string
  code: string
  created: string
}

/** Adds one student to a class's roster (the first class when none is named). */
export function addStudent(db: HubDb, displayName: string, classId = defaultClassId(db)): RosterEntry {
  const name = displayName.trim()
  if (!name || name.length > 80) throw new HttpError(400, 'displayName must be 1 to 80 characters')
  for (let tries = 0; tries < 20; tries++) {
    const entry = { pseudonym: makePseudonym(), displayName: name, code: makeCode(), created: new Date().toISOString() }
    const inserted = db
      .prepare('INSERT OR IGNORE INTO roster (pseudonym, display_name, code, created, class_id) VALUES (?, ?, ?, ?, ?)')
      .run(entry.pseudonym, entry.displayName, entry.code, entry.created, classId)
    if (inserted.changes === 1) return entry
  }
  throw new HttpError(500, 'Could not find a free pseudonym; try again')
}

export { deletePseudonym, purgeOlderThan } from './retention'

/**
 * The addresses stations open (as the terminal's QR code has them): every LAN address when the
 * hub listens on all interfaces, else the address this request reached.
 */
function stationUrls(req: IncomingMessage, joinCode: string): string[] {
  const socket = req.socket as Socket & { server?: Server; encrypted?: TLSSocket['encrypted'] }
  const scheme = socket.encrypted ? 'https' : 'http'
  const bound = (socket.server?.address() as AddressInfo | null)?.address
  const own = (socket.localAddress ?? '127.0.0.1').replace(/^::ffff:/, '')
  const hosts = (bound === '0.0.0.0' || bound === '::') && lanAddresses().length ? lanAddresses() : [own]
  return hosts.map((host) => `${scheme}://${host.includes(':') ? `[${host}]` : host}:${socket.localPort}/#/station?join=${joinCode}`)
}

/** What a route handler gets: the request, the key the route table let in, the path's parameters. */
export interface RouteContext {
  req: IncomingMessage
  res: ServerResponse
  /** null only on the routes open to everyone. */
  key: KeyRecord | null
  params: Record<string, string>
  /** The largest body this route reads (routes.ts). */
  bodyLimit: number
  /** The client's address, for the rate limits. */
  address: string
}

export interface HubApiOptions {
  joinCodes: JoinCodes
  scope: StationScope
  limits: { join: GuessLimit; signIn: GuessLimit; stationKeys: { take(address: string): void } }
  /** The teacher's roster settings (roster.ts); without it the pick-from-list sign-in is on. */
  rosterSettings?: (classId: number) => RosterSettings
}

/** The hub API's handlers, by route name (routes.ts says who may call each). */
export function createHubApi(db: HubDb, options: HubApiOptions) {
  const { scope, limits, joinCodes } = options
  const listSignIn = (classId: number) => options.rosterSettings?.(classId).listSignIn ?? true
  const keyOf = (ctx: RouteContext) => ctx.key!
  const classOf = (ctx: RouteContext) => classOfRequest(db, ctx.req, ctx.key)
  const rotateJoinCode = (classId = defaultClassId(db)) => joinCodes.rotate(classId)
  const lrsKeys = () => listKeys(db).filter((k) => k.role === 'lrs' && !k.revoked).map(({ id, label, created }) => ({ id, label, created }))

  return {
    /** The first class's join code (a one-class hub's only one). */
    get joinCode() {
      return joinCodes.of(defaultClassId(db))
    },
    rotateJoinCode,
    handlers: {
      async join(ctx: RouteContext) {
        limits.join.check(ctx.address)
        const body = await readJson(ctx.req, ctx.bodyLimit)
        try {
          limits.stationKeys.take(ctx.address)
          return sendJson(ctx.res, 201, joinStation(db, joinCodes, body))
        } catch (error) {
          if (error instanceof HttpError && error.status === 403) limits.join.fail(ctx.address)
          throw error
        }
      },
      'station-link'(ctx: RouteContext) {
        // The teacher's screen shows the stations' address and QR code, as the terminal does, and
        // which external tools hold a key (--lrs-key) while this run lasts.
        const joinCode = joinCodes.of(classOf(ctx))
        return sendJson(ctx.res, 200, { joinCode, stationUrls: stationUrls(ctx.req, joinCode), lrsKeys: lrsKeys() } satisfies StationLink)
      },
      'rotate-join-code'(ctx: RouteContext) {
        const joinCode = rotateJoinCode(classOf(ctx))
        return sendJson(ctx.res, 200, { joinCode, stationUrls: stationUrls(ctx.req, joinCode) })
      },
      'class-list'(ctx: RouteContext) {
        // Stations see pseudonyms only: names never leave the teacher's screen. With the list
        // sign-in off they see none: students type their code.
        if (!listSignIn(classOf(ctx))) return sendJson(ctx.res, 200, { listSignIn: false, pseudonyms: [] } satisfies ClassList)
        const rows = db.prepare('SELECT pseudonym FROM roster WHERE class_id = ? ORDER BY pseudonym').all(classOf(ctx)) as { pseudonym: string }[]
        return sendJson(ctx.res, 200, { listSignIn: true, pseudonyms: rows.map((r) => r.pseudonym) } satisfies ClassList)
      },
      async 'sign-in'(ctx: RouteContext) {
        // By code, or by picking one's pseudonym from the class list: either way the hub records
        // that this student is at this station, and the station may then write for them.
        limits.signIn.check(ctx.address)
        const body = (await readJson(ctx.req, ctx.bodyLimit)) as { code?: unknown; pseudonym?: unknown }
        let row: { pseudonym: string } | undefined
        if (typeof body?.pseudonym === 'string' && body.code === undefined) {
          if (!PSEUDONYM_PATTERN.test(body.pseudonym)) throw new HttpError(400, 'pseudonym must be a lab name from the class list')
          // With the list off, a pick is only a station confirming a student who already signed in
          // at it with their code (ensureSignedIn after a reload), never a new sign-in.
          if (!listSignIn(classOf(ctx)) && !scope.hasSignedIn(keyOf(ctx).id, body.pseudonym))
            throw new HttpError(403, 'The teacher turned off signing in by picking a name from the list: sign in with your code')
          row = db.prepare('SELECT pseudonym FROM roster WHERE pseudonym = ? AND class_id = ?').get(body.pseudonym, classOf(ctx)) as { pseudonym: string } | undefined
          if (!row) throw new HttpError(404, `No student in this class has the lab name "${body.pseudonym}"`)
        } else {
          if (typeof body?.code !== 'string' || !/^[A-Za-z0-9]{5}$/.test(body.code.trim())) throw new HttpError(400, 'code must be the 5 letters and digits your teacher gave you')
          // A code of another class is no code here: a station's class is its whole world.
          row = db.prepare('SELECT pseudonym FROM roster WHERE code = ? AND class_id = ?').get(body.code.trim().toUpperCase(), classOf(ctx)) as { pseudonym: string } | undefined
          if (!row) {
            limits.signIn.fail(ctx.address)
            throw new HttpError(404, 'No student has that code')
          }
        }
        scope.recordSignIn(keyOf(ctx).id, row.pseudonym)
        return sendJson(ctx.res, 200, { pseudonym: row.pseudonym })
      },
      stations(ctx: RouteContext) {
        const statuses = stationStatuses(db)
        const stations = listKeys(db)
          .filter((k) => k.role === 'station')
          .map(({ id, label, created, revoked }) => ({ id, label, created, revoked, classId: classOfStation(db, id), status: statuses.get(id) ?? null }))
        return sendJson(ctx.res, 200, { stations, lrsKeys: lrsKeys() })
      },
      'revoke-station'(ctx: RouteContext) {
        // A lost or misused station (or external tool) key stops working at once; its statements
        // stay. The join code changes too, so the device cannot simply join again with it.
        const id = ctx.params.id!
        const target = listKeys(db).find((k) => k.id === id)
        if (!target || target.role === 'teacher') throw new HttpError(404, `No station or tool key has the id "${id.slice(0, 80)}"`)
        const classId = target.role === 'station' ? (classOfStation(db, id) ?? defaultClassId(db)) : classOf(ctx)
        if (target.revoked) return sendJson(ctx.res, 200, { id, revoked: target.revoked, joinCode: joinCodes.of(classId) })
        revokeKey(db, id)
        if (target.role === 'station') rotateJoinCode(classId)
        return sendJson(ctx.res, 200, { id, revoked: listKeys(db).find((k) => k.id === id)!.revoked, joinCode: joinCodes.of(classId) })
      },
      'roster-read'(ctx: RouteContext) {
        const rows = db.prepare('SELECT pseudonym, display_name AS displayName, code, created FROM roster WHERE class_id = ? ORDER BY display_name').all(classOf(ctx))
        return sendJson(ctx.res, 200, { students: rows })
      },
      async 'roster-add'(ctx: RouteContext) {
        const body = (await readJson(ctx.req, ctx.bodyLimit)) as { displayName?: unknown }
        if (typeof body?.displayName !== 'string') throw new HttpError(400, 'displayName (a string) is required')
        return sendJson(ctx.res, 201, addStudent(db, body.displayName, classOf(ctx)))
      },
      'student-export'(ctx: RouteContext) {
        const pseudonym = checkedPseudonym(ctx.params.pseudonym!)
        const actor = `account:${ACTOR_HOME_PAGE}|${pseudonym}`
        // The same statements a delete removes: every one that names them, not only as actor.
        const bodyOf = db.prepare<[number], { body: string }>('SELECT body FROM statements WHERE seq = ?')
        const statements = statementsNaming(db, pseudonym).map((seq) => JSON.parse(bodyOf.get(seq)!.body) as JsonObject)
        const documents = db.prepare('SELECT resource, activity_id AS activityId, doc_id AS docId, content_type AS contentType, CAST(content AS TEXT) AS content, updated FROM documents WHERE agent_key = ?').all(actor)
        const roster = db.prepare('SELECT display_name AS displayName, code, created FROM roster WHERE pseudonym = ?').get(pseudonym) ?? null
        // Attachment bodies travel base64-encoded inside the one JSON file.
        const attachments = createAttachmentStore(db)
          .get(declaredHashes(statements))
          .map((a) => ({ sha2: a.sha2, contentType: a.contentType, contentBase64: a.content.toString('base64') }))
        return sendJson(ctx.res, 200, { pseudonym, roster, statements, documents, attachments }, { 'Content-Disposition': `attachment; filename="${pseudonym}.json"` })
      },
      'student-delete'(ctx: RouteContext) {
        const pseudonym = checkedPseudonym(ctx.params.pseudonym!)
        return sendJson(ctx.res, 200, { pseudonym, deleted: deletePseudonym(db, pseudonym) })
      },
      async purge(ctx: RouteContext) {
        const body = (await readJson(ctx.req, ctx.bodyLimit)) as { olderThanDays?: unknown }
        const days = body?.olderThanDays
        if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_PURGE_DAYS)
          throw new HttpError(400, `olderThanDays must be a whole number of days from 1 to ${MAX_PURGE_DAYS}, got ${JSON.stringify(days)}`)
        return sendJson(ctx.res, 200, { olderThanDays: days, statementsDeleted: purgeOlderThan(db, days) })
      },
    },
  }
}

function checkedPseudonym(pseudonym: string): string {
  if (!PSEUDONYM_PATTERN.test(pseudonym)) throw new HttpError(400, `"${pseudonym.slice(0, 80)}" is not a pseudonym`)
  return pseudonym
}
