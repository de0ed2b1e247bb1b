import { type FieldNode, GraphQLError, locatedError, type OperationDefinitionNode, parse } from 'graphql';
import { maskError } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/rest/errors.ts';
import { placedErrors, toGraphQLError } from '../../src/schema/errors.ts';

describe('toGraphQLError', () => {
  it('carries the contract code and X’s problem, and no stack frames', () => {
    const error = toGraphQLError(
      new NotFoundError('gone', {
        upstream: { type: 'https://api.twitter.com/2/problems/x', title: 'Gone' },
      }),
    );
    expect(error.extensions).toMatchObject({ code: 'NOT_FOUND', upstream: { title: 'Gone' } });
    expect(error.stack?.split('\n').filter((line) => line.trim().startsWith('at '))).toEqual([]);
  });
});

describe('placedErrors', () => {
  const document = parse('query {\n  user(restId: "1") {\n    pinnedTweet { text }\n  }\n}');
  const operation = document.definitions[0] as OperationDefinitionNode;
  const userField = operation.selectionSet.selections[0] as FieldNode;
  const nodes = [userField.selectionSet?.selections[0] as FieldNode];
  const gone = (id: string) =>
    new NotFoundError(`Could not find tweet with id: [${id}].`, {
      upstream: { type: 'https://api.twitter.com/2/problems/resource-not-found', title: 'Not Found Error' },
    });

  it('makes the error the constructor makes, property by property', () => {
    const errorAt = placedErrors(nodes);
    for (const [id, path] of [
      ['7', ['user', 'followers', 'nodes', 0, 'pinnedTweet']],
      ['8', ['user', 'followers', 'nodes', 5, 'pinnedTweet']],
    ] as const) {
      const made = errorAt(gone(id), [...path]);
      const { message, extensions } = toGraphQLError(gone(id));
      const built = new GraphQLError(message, { nodes, path: [...path], extensions });
      expect(made).toBeInstanceOf(GraphQLError);
      expect(made).toBeInstanceOf(Error);
      for (const key of [
        'name',
        'message',
        'path',
        'locations',
        'extensions',
        'nodes',
        'source',
        'positions',
      ]) {
        expect(made[key as keyof GraphQLError], key).toEqual(built[key as keyof GraphQLError]);
      }
      expect(made.originalError).toBeUndefined();
      expect(made.locations).toEqual([{ line: 3, column: 5 }]);
      expect(Object.keys(made)).toEqual(Object.keys(built));
      expect(made.toJSON()).toEqual(built.toJSON());
      expect(JSON.stringify(made)).toBe(JSON.stringify(built));
      expect(String(made)).toBe(String(built));
      expect(Object.prototype.toString.call(made)).toBe(Object.prototype.toString.call(built));
      expect(made.stack).toBe(`GraphQLError: ${built.message}`);
    }
  });

  it('passes Yoga’s masking and graphql’s locating unchanged', () => {
    const made = placedErrors(nodes)(gone('7'), ['user', 'pinnedTweet']);
    expect(maskError(made, 'Unexpected error.')).toBe(made);
    expect(locatedError(made, nodes, ['elsewhere'])).toBe(made);
  });
});
