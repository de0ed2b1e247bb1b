/**
 * The package's emulator entry (`import { startEmulator } from 'x-graphql-gateway/emulator'`): an X API
 * v2 emulator on real HTTP, for testing any X client (see `src/emulator/README.md`). It imports nothing
 * from the gateway.
 */

export { type CreateStoreOptions, createStore, type SeededEmulatorStore } from './data/create-store.ts';
export type { Fault, FaultControl, FaultKind } from './http/faults.ts';
export type { ListKind, PreviousTokenReading } from './http/pagination-tokens.ts';
export type { RequestLogEntry } from './http/request-log.ts';
export type { OAuth1Credentials } from './oauth1-verify.ts';
export {
  DEFAULT_APP_TOKEN,
  DEFAULT_OAUTH1_CREDENTIALS,
  DEFAULT_SEED,
  type EmulatorHandle,
  type EmulatorOptions,
  startEmulator,
} from './start-emulator.ts';
export type {
  EmulatedTweet,
  EmulatedUser,
  EmulatorStore,
  NotableAccounts,
  UserIdList,
} from './store.ts';
