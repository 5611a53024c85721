/** A refused form shows back what was typed, whatever shape the post gave each field. */
import { expect, it } from 'vitest';
import { typedFields } from '../../server/form-fields';

it.each([
  ['plain fields', { code: 'MINI-2027', year: '2027' }, { code: 'MINI-2027', year: '2027', name: '' }],
  ['a field sent twice: the first', { code: ['A', 'B'], year: '', name: 'x' }, { code: 'A', year: '', name: 'x' }],
  ['a field that is not text', { code: { a: 1 }, year: 2027, name: [1] }, { code: '', year: '', name: '' }],
  ['no body', undefined, { code: '', year: '', name: '' }],
])('%s', (_, body, typed) => {
  expect(typedFields(body, ['code', 'year', 'name'])).toEqual(typed);
});
