import { type DocumentNode, type FragmentDefinitionNode, Kind } from 'graphql';

/** A document's fragment definitions by name, as `GraphQLResolveInfo.fragments` gives them. */
export function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}
