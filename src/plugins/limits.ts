import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { DEFAULT_INPUT_LIMITS, type InputLimits, useInputLimits } from './limits-input.ts';
import { documentNesting } from './limits-nesting.ts';

/**
 * Operation limits, refused before any upstream call with a message naming the limit: the depth and
 * number of values of `variables` and `extensions` (`limits-input.ts`), document size and bracket
 * nesting (`limits-nesting.ts`) before parsing, tokens while parsing, then depth, aliases, directives
 * and root fields at validation. Field suggestions ("Did you mean ...?") can be hidden. The upstream-call price is the cost
 * plugin's (`X_MAX_UPSTREAM_CALLS`), not graphql-armor's cost limit.
 */

/** The limits of one operation: its document, variables and extensions. */
export interface OperationLimits extends InputLimits {
  /** The largest document, in UTF-8 bytes. @default 16384 */
  readonly maxDocumentBytes: number;
  /** The deepest nesting of brackets (`{`, `[`, `(`) in the document's text, checked before parsing. @default 64 */
  readonly maxDocumentNesting: number;
  /** The most lexical tokens. @default 2000 */
  readonly maxTokens: number;
  /** The deepest selection (`user.followers.nodes.pinnedTweet.text` is 5). @default 12 */
  readonly maxDepth: number;
  /** The most aliases in one operation. @default 30 */
  readonly maxAliases: number;
  /** The most directives in one operation. @default 30 */
  readonly maxDirectives: number;
  /** The most root fields in one operation (fragments included). @default 20 */
  readonly maxRootFields: number;
}

/** The default limits, sized for this schema: its deepest useful query is about 10 levels. */
export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  ...DEFAULT_INPUT_LIMITS,
  maxDocumentBytes: 16_384,
  maxDocumentNesting: 64,
  maxTokens: 2_000,
  maxDepth: 12,
  maxAliases: 30,
  maxDirectives: 30,
  maxRootFields: 20,
};

/** Options of {@link useOperationLimits}. */
export interface LimitsPluginOptions {
  /** @default DEFAULT_OPERATION_LIMITS */
  readonly limits?: Partial<OperationLimits>;
  /** Keep "Did you mean ...?" in validation errors. @default true unless NODE_ENV is `production` */
  readonly fieldSuggestions?: boolean;
}

/** The operation-limit plugins, to run before planning. */
export function useOperationLimits(options: LimitsPluginOptions = {}): Plugin[] {
  const limits = { ...DEFAULT_OPERATION_LIMITS, ...options.limits };
  const fieldSuggestions = options.fieldSuggestions ?? process.env.NODE_ENV !== 'production';
  const armor = EnvelopArmorPlugin({
    maxTokens: { n: limits.maxTokens },
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...reported },
    maxAliases: { n: limits.maxAliases, ...reported },
    maxDirectives: { n: limits.maxDirectives, ...reported },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: !fieldSuggestions },
  }) as Plugin;
  return [
    useInputLimits(limits),
    useDocumentSize(limits.maxDocumentBytes, limits.maxDocumentNesting),
    armor,
    useRootFieldLimit(limits.maxRootFields),
  ];
}

/**
 * graphql-armor throws its validation refusals, which leaves them without a code and prefixed
 * `Syntax Error:`; reported instead, they are validation errors like the others.
 */
const reported = {
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(
        new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        }),
      ),
  ],
};

/** Refuses a document larger than `maxBytes` or nested deeper than `maxNesting` before parsing it. */
function useDocumentSize(maxBytes: number, maxNesting: number): Plugin {
  return {
    onParams: ({ params }) => {
      if (typeof params.query !== 'string') return;
      const bytes = Buffer.byteLength(params.query, 'utf8');
      if (bytes > maxBytes) {
        throw badDocument(
          `The document is ${bytes} bytes; the limit is ${maxBytes} byte${maxBytes === 1 ? '' : 's'}. Send a smaller operation.`,
        );
      }
      if (documentNesting(params.query, maxNesting) > maxNesting) {
        throw badDocument(
          `The document nests brackets more than ${maxNesting} level${maxNesting === 1 ? '' : 's'} deep; the limit is ${maxNesting}.`,
        );
      }
    },
  };
}

/** 400 `BAD_USER_INPUT`: the document is past a limit checked before parsing. */
function badDocument(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}

/** Refuses operations selecting more than `max` root fields. */
function useRootFieldLimit(max: number): Plugin {
  const rule: ValidationRule = (context: ValidationContext) => ({
    OperationDefinition: (operation) => {
      const count = countFields(context, operation.selectionSet, new Set());
      if (count > max) {
        context.reportError(
          new GraphQLError(
            `The operation selects ${count} root fields; the limit is ${max}. Split it into several operations.`,
            { nodes: [operation] },
          ),
        );
      }
    },
  });
  return { onValidate: ({ addValidationRule }) => addValidationRule(rule) };
}

/** The fields of a selection set, through fragments (each fragment counted once). */
function countFields(context: ValidationContext, set: SelectionSetNode, seen: Set<string>): number {
  let count = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) count++;
    else if (selection.kind === Kind.INLINE_FRAGMENT)
      count += countFields(context, selection.selectionSet, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) count += countFields(context, fragment.selectionSet, seen);
    }
  }
  return count;
}
