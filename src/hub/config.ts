/** The hub's command line: every flag, its default, and a clear error for anything else. */
export interface HubConfig {
  port: number
  host: string
  dataDir: string
  /** Plain HTTP: loopback development and tests only (headsets need HTTPS). */
  http: boolean
  certFile?: string
  keyFile?: string
  /** Extra Basic-auth key with read and write, for external xAPI tools: "user:pass". Works only
   * while the flag is given (a run without it revokes it). */
  lrsKey?: { user: string; pass: string }
  /** Rate and size limits off (the xAPI spec requires them to be configurable). */
  noLimits: boolean
  forward?: { url: string; user: string; pass: string }
  /** A backup to put in place of the class database before starting (the old file is kept aside). */
  restore?: string
  /** Forget the teacher passphrase and every signed-in browser; the hub prints a new setup code. */
  resetTeacher: boolean
}

export class UsageError extends Error {}

/** An --lrs-key reads every statement: its password must not fall to a few guesses. */
export const MIN_LRS_KEY_PASSWORD = 12

export const USAGE = `usage: npm start -- [options]
  --port N              port to listen on (default 8443, or 8080 with --http)
  --host ADDR           address to listen on (default 0.0.0.0: every network; 127.0.0.1 with --http)
  --data DIR            the hub's data folder (default ./benchtop-data)
  --http                plain HTTP, for development and tests on this computer only
  --cert FILE --key FILE  the school's own TLS certificate instead of a generated one
  --lrs-key USER:PASS   an extra key with read and write, for external xAPI tools, for this run
                        only; PASS must be 12 characters or more
  --allow-short-lrs-key accept an --lrs-key password under 12 characters
  --no-limits           switch off rate and size limits
  --forward URL --forward-key USER:PASS   also send every statement to an upstream LRS
  --restore FILE        go back to a backup (DIR/backups/benchtop-YYYY-MM-DD.sqlite), then start;
                        the current database is kept aside, not deleted
  --reset-teacher       forgot the teacher passphrase: forget it and sign out every browser, then
                        start; the hub prints a setup code to choose a new one (nothing else is lost)`

function credentials(flag: string, value: string): { user: string; pass: string } {
  const colon = value.indexOf(':')
  if (colon <= 0 || colon === value.length - 1) throw new UsageError(`${flag} needs USER:PASS, got "${value}"`)
  return { user: value.slice(0, colon), pass: value.slice(colon + 1) }
}

export function parseHubArgs(argv: readonly string[], defaults: { dataDir: string }): HubConfig {
  let port: number | undefined
  let host: string | undefined
  const config: HubConfig = { port: 0, host: '', dataDir: defaults.dataDir, http: false, noLimits: false, resetTeacher: false }
  let forwardUrl: string | undefined
  let forwardKey: { user: string; pass: string } | undefined
  let allowShortLrsKey = false
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!
    const needValue = (): string => {
      const value = argv[i + 1]
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`)
      i++
      return value
    }
    switch (flag) {
      case '--port': {
        const value = needValue()
        port = Number(value)
        if (!/^\d+$/.test(value) || port > 65535) throw new UsageError(`--port needs a whole number from 0 to 65535, got "${value}"`)
        break
      }
      case '--host':
        host = needValue()
        break
      case '--data':
        config.dataDir = needValue()
        break
      case '--http':
        config.http = true
        break
      case '--cert':
        config.certFile = needValue()
        break
      case '--key':
        config.keyFile = needValue()
        break
      case '--lrs-key':
        config.lrsKey = credentials(flag, needValue())
        break
      case '--allow-short-lrs-key':
        allowShortLrsKey = true
        break
      case '--no-limits':
        config.noLimits = true
        break
      case '--forward': {
        const value = needValue()
        let url: URL
        try {
          url = new URL(value)
        } catch {
          throw new UsageError(`--forward needs an http(s) URL of an xAPI endpoint, got "${value}"`)
        }
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--forward needs an http(s) URL, got "${value}"`)
        forwardUrl = url.href.endsWith('/') ? url.href : `${url.href}/`
        break
      }
      case '--restore':
        config.restore = needValue()
        break
      case '--reset-teacher':
        config.resetTeacher = true
        break
      case '--forward-key':
        forwardKey = credentials(flag, needValue())
        break
      default:
        throw new UsageError(`unknown option "${flag}"`)
    }
  }
  if (config.lrsKey && config.lrsKey.pass.length < MIN_LRS_KEY_PASSWORD && !allowShortLrsKey)
    throw new UsageError(`--lrs-key's password has ${config.lrsKey.pass.length} characters; it needs ${MIN_LRS_KEY_PASSWORD} or more (or add --allow-short-lrs-key)`)
  if ((config.certFile === undefined) !== (config.keyFile === undefined)) throw new UsageError('--cert and --key go together')
  if (config.http && config.certFile) throw new UsageError('--http and --cert exclude each other')
  if ((forwardUrl === undefined) !== (forwardKey === undefined)) throw new UsageError('--forward and --forward-key go together')
  if (forwardUrl && forwardKey) config.forward = { url: forwardUrl, ...forwardKey }
  config.port = port ?? (config.http ? 8080 : 8443)
  config.host = host ?? (config.http ? '127.0.0.1' : '0.0.0.0')
  return config
}
