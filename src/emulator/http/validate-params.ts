/**
 * Parameter validation with X's 400 messages. Every problem found becomes its own entry, as X reports them:
 * unknown and duplicated parameters, empty values, values outside an enum, integers out of range,
 * malformed ids, usernames and pagination tokens, and id lists of the wrong size.
 */
import type { ParameterError } from './problems.ts';

/** How one query parameter is checked. */
export type ParamRule =
  | { readonly type: 'enum-list'; readonly values: readonly string[] }
  | { readonly type: 'int'; readonly min: number; readonly max: number }
  | { readonly type: 'token' }
  | {
      readonly type: 'id-list';
      readonly required: boolean;
      readonly max: number;
      readonly item: PathRule;
    };

/** How one path parameter (or one item of an id list) is checked. */
export interface PathRule {
  readonly pattern: RegExp;
  /** X says "is not valid" for ids and "does not match <pattern>" for usernames. */
  readonly style: 'not-valid' | 'pattern';
}

/** The parameters of one endpoint, in the order X lists them in its "is not one of" message. */
export interface EndpointParams {
  readonly path: Readonly<Record<string, PathRule>>;
  readonly query: Readonly<Record<string, ParamRule>>;
}

/** The values of a request that passed validation. */
export interface ValidParams {
  readonly path: Readonly<Record<string, string>>;
  /** Comma-separated parameters split into their values (enum lists and id lists). */
  readonly lists: Readonly<Record<string, readonly string[]>>;
  readonly ints: Readonly<Record<string, number>>;
  readonly tokens: Readonly<Record<string, string>>;
}

/** The id pattern of the spec's `UserId`/`TweetId`. */
export const ID_RULE: PathRule = { pattern: /^[0-9]{1,19}$/, style: 'not-valid' };
/** The username pattern of the spec's `/2/users/by/username/{username}`. */
export const USERNAME_RULE: PathRule = { pattern: /^[A-Za-z0-9_]{1,15}$/, style: 'pattern' };

/** X's message for a pagination token it does not know. */
export function invalidTokenError(name: string, value: string): ParameterError {
  return {
    parameters: { [name]: [value] },
    message: `The \`${name}\` query parameter value [${value}] is not a valid token.`,
  };
}

/** Checks path and query parameters; answers either the valid values or every problem found. */
export function validateParams(
  spec: EndpointParams,
  pathValues: Readonly<Record<string, string>>,
  query: URLSearchParams,
):
  | { readonly ok: true; readonly params: ValidParams }
  | { readonly ok: false; readonly errors: ParameterError[] } {
  const errors: ParameterError[] = [];
  const lists: Record<string, readonly string[]> = {};
  const ints: Record<string, number> = {};
  const tokens: Record<string, string> = {};
  for (const [name, rule] of Object.entries(spec.path)) {
    const value = pathValues[name] ?? '';
    if (!rule.pattern.test(value)) errors.push(patternError(name, value, rule));
  }
  const allowed = [...Object.keys(spec.path), ...Object.keys(spec.query)];
  const seen = new Set<string>();
  for (const name of query.keys()) {
    if (seen.has(name)) continue;
    seen.add(name);
    const values = query.getAll(name);
    const rule = spec.query[name];
    if (!rule) {
      errors.push({
        parameters: { [name]: values },
        message: `The query parameter [${name}] is not one of [${allowed.join(',')}]`,
      });
    } else if (values.length > 1) {
      errors.push({
        parameters: { [name]: values },
        message: `Duplicate parameters are not allowed: the \`${name}\` query parameter`,
      });
    } else if ((values[0] ?? '') === '') {
      errors.push({
        parameters: { [name]: [''] },
        message: `The \`${name}\` query parameter can not be empty`,
      });
    } else {
      checkValue(name, values[0] ?? '', rule, errors, { lists, ints, tokens });
    }
  }
  for (const [name, rule] of Object.entries(spec.query)) {
    if (rule.type === 'id-list' && rule.required && !seen.has(name)) {
      errors.push({
        parameters: { [name]: [] },
        message: `The \`${name}\` query parameter can not be empty`,
      });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, params: { path: { ...pathValues }, lists, ints, tokens } };
}

/** Checks one present, non-empty query value against its rule, recording the parsed value or errors. */
function checkValue(
  name: string,
  value: string,
  rule: ParamRule,
  errors: ParameterError[],
  out: {
    lists: Record<string, readonly string[]>;
    ints: Record<string, number>;
    tokens: Record<string, string>;
  },
): void {
  switch (rule.type) {
    case 'enum-list': {
      const items = value.split(',');
      const bad = items.filter((item) => !rule.values.includes(item));
      for (const item of bad) {
        errors.push({
          parameters: { [name]: [value] },
          message: `The \`${name}\` query parameter value [${item}] is not one of [${rule.values.join(',')}]`,
        });
      }
      out.lists[name] = [...new Set(items)];
      return;
    }
    case 'int': {
      if (!/^-?[0-9]+$/.test(value)) {
        errors.push({
          parameters: { [name]: [value] },
          message: `The \`${name}\` query parameter value [${value}] is not a valid integer`,
        });
        return;
      }
      const number = Number(value);
      if (number < rule.min || number > rule.max) {
        errors.push({
          parameters: { [name]: [value] },
          message: `The \`${name}\` query parameter value [${value}] is not between ${rule.min} and ${rule.max}`,
        });
      }
      out.ints[name] = number;
      return;
    }
    case 'token': {
      if (value.length < 16) errors.push(invalidTokenError(name, value));
      out.tokens[name] = value;
      return;
    }
    case 'id-list': {
      const items = value.split(',');
      if (items.length > rule.max) {
        errors.push({
          parameters: { [name]: [value] },
          message: `The number of values in the \`${name}\` query parameter list [${items.length}] is not between 1 and ${rule.max}`,
        });
      }
      for (const item of items) {
        if (!rule.item.pattern.test(item)) errors.push(patternError(name, item, rule.item));
      }
      out.lists[name] = items;
      return;
    }
  }
}

/** The message X gives for a value that does not match a parameter's pattern. */
function patternError(name: string, value: string, rule: PathRule): ParameterError {
  const message =
    rule.style === 'not-valid'
      ? `The \`${name}\` query parameter value [${value}] is not valid`
      : `The \`${name}\` query parameter value [${value}] does not match ${rule.pattern.source}`;
  return { parameters: { [name]: [value] }, message };
}
