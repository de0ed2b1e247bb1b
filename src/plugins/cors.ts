import type { GatewayConfig } from '../config.ts';
import { CSRF_HEADERS } from './csrf-prevention.ts';
import { REQUEST_ID_HEADER } from './request-id.ts';

/**
 * Yoga's `cors` option from `CORS_ORIGINS`. Browsers may call the gateway from the listed origins
 * (or any, with `*`); credentials (cookies) are never needed, a client's token travels in
 * `Authorization`, so `Access-Control-Allow-Credentials` is off.
 */

/** The shape of Yoga's `cors` option used here. */
export interface GatewayCorsOptions {
  readonly origin: string | string[];
  readonly methods: string[];
  readonly allowedHeaders: string[];
  readonly exposedHeaders: string[];
  readonly credentials: boolean;
  readonly maxAge: number;
}

/** The CORS options for a configuration. */
export function corsOptions(config: Pick<GatewayConfig, 'corsOrigins'>): GatewayCorsOptions {
  return {
    origin: config.corsOrigins === '*' ? '*' : [...config.corsOrigins],
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['accept', 'authorization', 'content-type', REQUEST_ID_HEADER, ...CSRF_HEADERS],
    exposedHeaders: [REQUEST_ID_HEADER],
    credentials: false,
    maxAge: 600,
  };
}
