import { describe, expect, it } from 'vitest';
import { documentNesting } from '../../src/plugins/limits-nesting.ts';

describe('documentNesting', () => {
  it('counts the deepest nesting of braces, brackets and parentheses together', () => {
    expect(documentNesting('{ a }', 10)).toBe(1);
    expect(documentNesting('{ a(ids: [1, [2]]) { b } }', 10)).toBe(4);
    expect(documentNesting('query { a } { b { c } }', 10)).toBe(2);
    expect(documentNesting('', 10)).toBe(0);
  });

  it('stops at the first bracket past the limit and answers one more than the limit', () => {
    expect(documentNesting(`${'['.repeat(5000)}${']'.repeat(5000)}`, 64)).toBe(65);
    expect(documentNesting('{ { } }', 2)).toBe(2);
    expect(documentNesting('{ { { } } }', 2)).toBe(3);
  });

  it('skips brackets inside strings, escaped quotes included', () => {
    expect(documentNesting('{ a(s: "[[[{{{(((") }', 10)).toBe(2);
    expect(documentNesting('{ a(s: "\\"[[[") }', 10)).toBe(2);
  });

  it('skips brackets inside block strings, escaped triple quotes included', () => {
    expect(documentNesting('{ a(s: """ [[[ \\""" {{{ """) }', 10)).toBe(2);
  });

  it('skips brackets inside comments, up to the end of their line', () => {
    expect(documentNesting('{ a # [[[[\n}', 10)).toBe(1);
    expect(documentNesting('{ a # [[[[\r{ b } }', 10)).toBe(2);
  });

  it('never goes below zero on unbalanced closing brackets', () => {
    expect(documentNesting('}}} { a }', 10)).toBe(1);
  });
});
