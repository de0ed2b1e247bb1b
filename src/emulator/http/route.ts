/**
 * One emulated endpoint: its path template, its parameters and its handler, with what a handler gets and
 * answers. The router (`router.ts`) lists the routes the handlers (`handlers/`) define.
 */
import type { EmulatorStore } from '../store.ts';
import type { Principal } from './auth.ts';
import type { PaginationTokens, PreviousTokenReading } from './pagination-tokens.ts';
import type { ParameterError } from './problems.ts';
import type { EndpointParams, ValidParams } from './validate-params.ts';

/** What a handler gets: the store, the caller and the validated parameters. */
export interface HandlerContext {
  readonly store: EmulatorStore;
  readonly principal: Principal;
  readonly params: ValidParams;
  readonly tokens: PaginationTokens;
  readonly paging: ListPaging;
}

/** How the list endpoints page: which X the emulator plays among those the docs allow. */
export interface ListPaging {
  /** What a `previous_token` means (see `pagination-tokens.ts`). */
  readonly previousToken: PreviousTokenReading;
  /** The share of accounts in [0, 1) that pages leave out (see `left-out.ts`). */
  readonly shortPages: number;
}

/** A handler's answer; a `ParameterError` list makes the pipeline answer X's 400. */
export type HandlerResult =
  | { readonly status: number; readonly body: unknown }
  | { readonly invalid: readonly ParameterError[] };

/** One emulated endpoint. */
export interface RouteDef {
  /** The path template, e.g. `/2/users/:id/followers`. */
  readonly pattern: string;
  /** Only OAuth 2.0 user context and OAuth 1.0a may call it (`/2/users/me`). */
  readonly userContextOnly?: boolean;
  readonly params: EndpointParams;
  handle(context: HandlerContext): HandlerResult;
}
