import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { ranCompiled, useCompiledExecution } from '../src/compiled-execution.ts';

const schema = createSchema({
  typeDefs: 'type Query { hello(name: String!): String }',
  resolvers: { Query: { hello: (_: unknown, { name }: { name: string }) => `hello ${name}` } },
});

/** A Yoga over the small schema with compiled execution; `compiled` tells whether the last run was. */
function yogaWithJit() {
  const seen: { compiled?: boolean } = {};
  const observe: Plugin = {
    onExecute: () => ({
      onExecuteDone: ({ result }) => {
        seen.compiled = ranCompiled(result);
      },
    }),
  };
  const yoga = createYoga({
    schema,
    plugins: [useCompiledExecution(), observe],
    logging: false,
  });
  const run = async (query: string, variables?: Record<string, unknown>, operationName?: string) => {
    const response = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables, operationName }),
    });
    return (await response.json()) as { data?: unknown; errors?: { message: string }[] };
  };
  return { run, seen };
}

describe('useCompiledExecution', () => {
  it('runs an ordinary operation compiled, with the same answer', async () => {
    const { run, seen } = yogaWithJit();
    expect(await run('query ($n: String!) { hello(name: $n) }', { n: 'jit' })).toEqual({
      data: { hello: 'hello jit' },
    });
    expect(seen.compiled).toBe(true);
  });

  it('leaves the answer to JSON.stringify: no compiled serialiser rides on the result', async () => {
    let executed: unknown;
    const capture: Plugin = {
      onExecute: () => ({
        onExecuteDone: ({ result }) => {
          executed = result;
        },
      }),
    };
    const yoga = createYoga({ schema, plugins: [useCompiledExecution(), capture], logging: false });
    const response = await yoga.fetch('http://test/graphql?query=%7Bhello(name%3A%22s%22)%7D');
    expect(await response.text()).toBe('{"data":{"hello":"hello s"}}');
    expect(ranCompiled(executed)).toBe(true);
    expect((executed as { stringify?: unknown }).stringify).toBeUndefined();
  });

  it('runs an operation with a non-null variable that has a default on graphql-js, honouring the default', async () => {
    const { run, seen } = yogaWithJit();
    expect(await run('query ($n: String! = "default") { hello(name: $n) }')).toEqual({
      data: { hello: 'hello default' },
    });
    expect(seen.compiled).toBe(false);
    expect(await run('query ($n: String = "nullable") { hello(name: $n) }')).toEqual({
      data: { hello: 'hello nullable' },
    });
    expect(seen.compiled).toBe(true);
  });

  it('compiles each operation of a document apart and runs the one the request names', async () => {
    const { run, seen } = yogaWithJit();
    const document = 'query A { hello(name: "a") } query B { hello(name: "b") }';
    expect(await run(document, undefined, 'A')).toEqual({ data: { hello: 'hello a' } });
    expect(await run(document, undefined, 'B')).toEqual({ data: { hello: 'hello b' } });
    expect(await run(document, undefined, 'A')).toEqual({ data: { hello: 'hello a' } });
    expect(seen.compiled).toBe(true);
  });
});
