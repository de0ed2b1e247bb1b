import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Bounds on the JSON a request carries besides its document: `variables` and `extensions` nested deeper,
 * or holding more values, than any honest request needs are refused with a 400 `BAD_USER_INPUT` naming
 * the parameter and the bound, before the document is parsed, validated or planned (later steps walk
 * variables recursively: a 100,000-level array would overflow their stack). The walk here is iterative
 * and stops at the first value past a bound. `operationName` must be a string when given.
 */

/** The bounds of one request's `variables` and `extensions` (each checked on its own). */
export interface InputLimits {
  /** The deepest nesting: `{ "ids": ["1"] }` is 2 levels. @default 32 */
  readonly maxInputDepth: number;
  /** The most values (every array item and object property, at any depth). @default 10000 */
  readonly maxInputValues: number;
}

/**
 * The default bounds: the largest honest input, 1,000 federation representations
 * (`[{ "__typename": "User", "restId": "…" }, …]`), is 3 levels deep and holds 3,001 values.
 */
export const DEFAULT_INPUT_LIMITS: InputLimits = { maxInputDepth: 32, maxInputValues: 10_000 };

/** The parameters checked. */
const INPUT_PARAMS = ['variables', 'extensions'] as const;

/** The input-bounds plugin; register it before any plugin that reads variables or the document. */
export function useInputLimits(limits: InputLimits = DEFAULT_INPUT_LIMITS): Plugin {
  return {
    onParams: ({ params }) => {
      const { operationName } = params as { operationName?: unknown };
      if (operationName != null && typeof operationName !== 'string') {
        throw badParams(
          `The "operationName" parameter must be a string; got ${kindOf(operationName)}.`,
          'BAD_REQUEST',
        );
      }
      for (const name of INPUT_PARAMS) {
        const problem = inputProblem(params[name], limits);
        if (problem) throw badParams(`The "${name}" parameter ${problem}.`, 'BAD_USER_INPUT');
      }
    },
  };
}

/** What is past a bound in `value` (a sentence end), or `undefined` when it is within both. */
export function inputProblem(value: unknown, limits: InputLimits): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const { maxInputDepth, maxInputValues } = limits;
  const stack: [object, number][] = [[value, 1]];
  let values = 0;
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [container, depth] = entry;
    if (depth > maxInputDepth)
      return `nests more than ${maxInputDepth} level${maxInputDepth === 1 ? '' : 's'} deep; the limit is ${maxInputDepth}`;
    const items = Array.isArray(container) ? container : Object.values(container);
    values += items.length;
    if (values > maxInputValues)
      return `holds more than ${maxInputValues} value${maxInputValues === 1 ? '' : 's'}; the limit is ${maxInputValues}`;
    for (const item of items) if (item !== null && typeof item === 'object') stack.push([item, depth + 1]);
  }
  return undefined;
}

/** The JSON kind of a value, for messages. */
function kindOf(value: unknown): string {
  const kind = Array.isArray(value) ? 'array' : typeof value;
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}

/** A 400 request error with a code. */
function badParams(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}
