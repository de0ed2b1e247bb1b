import { builder } from '../builder.ts';
import { convertGatewayErrors } from './errors.ts';
import { writeInstantsInResolvers } from './instants.ts';
import './leaf-types.ts';
import './entities.ts';
import './user.ts';
import './user-connection.ts';
import './tweet-metrics.ts';
import './tweet-parts.ts';
import './tweet-notes.ts';
import './tweet.ts';
import './node.ts';
import './rate-limit.ts';
import './spend.ts';
import { declareEntities } from './federation.ts';

/** The Federation v2 spec version the subgraph links to, and the directives it imports. */
export const FEDERATION_LINK_URL = 'https://specs.apollo.dev/federation/v2.6';

/**
 * The gateway's executable schema: a Federation v2 subgraph schema (the normal schema plus `_service` and
 * `_entities`), which is also what `/graphql` serves standalone. Types are sorted by name so its printed
 * form is stable; its resolvers turn gateway errors into GraphQL errors with their contract codes.
 */
export const schema = declareEntities(
  writeInstantsInResolvers(
    convertGatewayErrors(
      builder.toSubGraphSchema({
        linkUrl: FEDERATION_LINK_URL,
        federationDirectives: ['@key', '@shareable', '@inaccessible'],
      }),
    ),
  ),
);
