import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError, jsonLocator } from '@/server/content/json-source';

describe('findJsonSyntaxError', () => {
  it.each([
    ['a comma too many before }', '{\n  "a": 1,\n}', { line: 3, column: 1 }, /virgule en trop/],
    ['a comma too many before ]', '{ "a": [1, 2, ] }', { line: 1, column: 15 }, /virgule en trop/],
    ['a missing comma between fields', '{\n  "title": "x"\n  "description": "y"\n}', { line: 3, column: 3 }, /virgule manquante/],
    ['a string never closed', '{\n  "title": "x,\n  "b": 1\n}', { line: 2, column: 15 }, /guillemet fermant/],
    ['single quotes', "{ 'a': 1 }", { line: 1, column: 3 }, /guillemets doubles/],
    ['a brace never closed', '{ "a": { "b": 1 }', { line: 1, column: 18 }, /fin du fichier/],
    ['text after the end', '{}\n}', { line: 2, column: 1 }, /en trop/],
    ['an empty file', '  \n', { line: 1, column: 1 }, /vide/],
  ])('locates %s, and says what to fix', (_name, text, position, reason) => {
    expect(() => JSON.parse(text)).toThrow();
    const error = findJsonSyntaxError(text);
    expect(error).toMatchObject(position);
    expect(error?.reason).toMatch(reason);
  });

  it('accepts what JSON.parse accepts', () => {
    for (const text of ['{}', '[]', '"é\\u00e9\\n"', '-1.5e+3', '{ "a": [true, false, null, {"b": 0}] }', ' \n{"x":"y"}\n ']) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(findJsonSyntaxError(text)).toBeNull();
    }
  });
});

describe('jsonLocator', () => {
  const text = [
    '{',
    '  "title": "Lab",',
    '  "details": {',
    '    "steps": [',
    '      { "text": "a.md" },',
    '      {',
    '        "text": "b.md", "verify": "b.sh"',
    '      }',
    '    ]',
    '  },',
    '  "t\\u00e9l\\u00e9": 1,',
    '  "title": "le dernier compte"',
    '}',
  ].join('\n');
  const locate = jsonLocator(text);

  it('places a member at its name and an array item at its first character', () => {
    expect(locate(['details', 'steps'])).toEqual({ line: 4, column: 5 });
    expect(locate(['details', 'steps', 0])).toEqual({ line: 5, column: 7 });
    expect(locate('details.steps.1.verify')).toEqual({ line: 7, column: 25 });
    // Names are compared once unescaped, as JSON.parse reads them.
    expect(locate(['télé'])).toEqual({ line: 11, column: 3 });
  });

  it('places a name given twice where JSON.parse takes its value: the last one', () => {
    expect(locate(['title'])).toEqual({ line: 12, column: 3 });
  });

  it('places a field that is not written at the nearest parent that is', () => {
    expect(locate('details.steps.0.verify')).toEqual({ line: 5, column: 7 });
    expect(locate(['details', 'intro', 'text'])).toEqual({ line: 3, column: 3 });
    expect(locate(['details', 'steps', 7])).toEqual({ line: 4, column: 5 });
    expect(locate([])).toEqual({ line: 1, column: 1 });
  });
});
