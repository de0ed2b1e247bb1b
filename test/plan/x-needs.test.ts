import { type GraphQLObjectType, getNamedType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { isListPage, needsOf, objectOf, rootOf } from '../../src/plan/x-needs.ts';
import { schema } from '../../src/schema/index.ts';

/** The object types the planner walks: X-backed types and pages of X lists. */
function plannedTypes(): GraphQLObjectType[] {
  return Object.values(schema.getTypeMap()).filter(
    (type): type is GraphQLObjectType =>
      isObjectType(type) && (objectOf(type) !== undefined || isListPage(type)),
  );
}

describe('x-needs declarations', () => {
  it('are on the X-backed types and the list page type of the schema', () => {
    expect(
      plannedTypes()
        .map((type) => `${type.name}:${objectOf(type)?.kind ?? 'list'}`)
        .sort(),
    ).toEqual(['Tweet:tweet', 'User:user', 'UserConnection:list']);
  });

  it('cover every field of every X-backed type, so a new field cannot be forgotten', () => {
    const undeclared = plannedTypes().flatMap((type) =>
      Object.values(type.getFields())
        .filter((field) => needsOf(field) === undefined)
        .map((field) => `${type.name}.${field.name}`),
    );
    expect(undeclared).toEqual([]);
  });

  it('declare a list on every field that returns a list page', () => {
    const lists = plannedTypes().flatMap((type) =>
      Object.values(type.getFields())
        .filter((field) => isListPage(getNamedType(field.type)))
        .map((field) => [`${type.name}.${field.name}`, needsOf(field)]),
    );
    expect(lists).toEqual([
      ['User.followers', { list: 'followers' }],
      ['User.following', { list: 'following' }],
    ]);
  });

  it('say how every root field returning X objects finds them', () => {
    const query = schema.getQueryType() as GraphQLObjectType;
    const undeclared = Object.values(query.getFields())
      .filter((field) => {
        const named = getNamedType(field.type);
        const types = isObjectType(named) ? [named] : schema.getPossibleTypes(named as never);
        return types.some((type) => objectOf(type) !== undefined) && rootOf(field) === undefined;
      })
      .map((field) => field.name);
    expect(undeclared).toEqual([]);
  });
});
