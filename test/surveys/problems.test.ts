/** The problem wording: locations in both languages and a catalogue's kinds. */
import { describe, expect, it } from 'vitest';
import { catalogue, problemText, whereText, type Where } from '../../surveys/problems';

type Demo = { kind: 'empty'; where?: Where } | { kind: 'too-big'; size: number; where?: Where };
const DEMO = catalogue<Demo>({
  empty: { en: () => 'the file is empty', vi: () => 'tệp trống' },
  'too-big': { en: (p) => `${p.size} bytes is too big`, vi: (p) => `${p.size} byte là quá lớn` },
});

describe('problem wording', () => {
  it.each([
    [undefined, 'en', ''],
    [{ field: 'password' }, 'vi', ''],
    [{ path: 'forms[0].code' }, 'vi', 'forms[0].code: '],
    [{ row: 3 }, 'en', 'row 3: '],
    [{ row: 3 }, 'vi', 'Dòng 3: '],
    [{ row: 3, column: 'answer' }, 'vi', 'Dòng 3, cột "answer": '],
    [{ sheet: 'Đơn vị', row: 5, column: 'Mã' }, 'en', 'sheet "Đơn vị", row 5, column "Mã": '],
    [{ sheet: 'Đơn vị', row: 5, column: 'Mã' }, 'vi', 'Trang "Đơn vị", dòng 5, cột "Mã": '],
    [{ sheet: 'Đơn vị' }, 'vi', 'Trang "Đơn vị": '],
  ] as const)('%j in %s', (where, lang, want) => {
    expect(whereText(where as Where | undefined, lang)).toBe(want);
  });

  it('puts the location first, and capitalises a Vietnamese sentence with none', () => {
    expect(problemText(DEMO, { kind: 'too-big', size: 9, where: { row: 2 } }, 'en')).toBe('row 2: 9 bytes is too big');
    expect(problemText(DEMO, { kind: 'empty' }, 'vi')).toBe('Tệp trống');
    expect(problemText(DEMO, { kind: 'empty' }, 'en')).toBe('the file is empty');
  });

  it('throws on a kind its catalogue lacks', () => {
    expect(() => problemText(DEMO, { kind: 'nope' } as unknown as Demo, 'en')).toThrow(/no wording/);
  });
});
