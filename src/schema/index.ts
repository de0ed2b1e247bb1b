import { lexicographicSortSchema } from 'graphql';
import { builder } from '../builder.ts';
import { convertGatewayErrors } from './errors.ts';
import './leaf-types.ts';
import './entities.ts';
import './user.ts';
import './user-connection.ts';
import './user-root.ts';
import './tweet-metrics.ts';
import './tweet-parts.ts';
import './tweet.ts';
import './relations.ts';
import './node.ts';
import './rate-limit.ts';

/**
 * The gateway's executable schema, types sorted by name so its printed form is stable, its resolvers
 * turning gateway errors into GraphQL errors with their contract codes.
 */
export const schema = convertGatewayErrors(lexicographicSortSchema(builder.toSchema()));
