/**
 * Statement validation for the LRS: the shared xAPI validator (src/shared/xapi), the same one
 * the stations' telemetry checks with, so a statement a station builds is one the hub accepts.
 * LRS-level rules (duplicate ids in a batch, voiding a voiding statement, PUT id mismatch) live
 * in statements.ts.
 */
import { validateStatement as sharedValidator, type StatementValidator, type XapiVersion } from '../../shared/xapi'

export type { StatementValidator, XapiVersion }
export type ValidationResult = ReturnType<StatementValidator>

export const validateStatement: StatementValidator = (statement, version) => sharedValidator(statement, version)
