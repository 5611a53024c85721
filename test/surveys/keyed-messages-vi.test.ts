/** Vietnamese for keyed-file messages: the CSV-level ones here (the checker's own are covered in keyed.test.ts), values carried over untouched. */
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../surveys/csv';
import { KEYED_HEADER } from '../../surveys/keyed';
import { keyedProblemVi } from '../../surveys/keyed-messages-vi';

const errorsOf = (text: string) => {
  const r = readCsv(text, KEYED_HEADER);
  return r.ok ? [] : r.errors;
};

describe('keyedProblemVi', () => {
  it.each([
    ['ma,don_vi,cau,tra_loi\n', 'Dòng 1: dòng tiêu đề phải là "serial,unit,question,answer", tệp có "ma,don_vi,cau,tra_loi" (thiếu "serial", "unit", "question", "answer"; thừa "ma", "don_vi", "cau", "tra_loi")'],
    ['unit,serial,question,answer\n', 'Dòng 1: dòng tiêu đề phải là "serial,unit,question,answer", tệp có "unit,serial,question,answer" (các cột sai thứ tự)'],
    ['serial,unit,question,answer\n000013,SNV,1\n', 'Dòng 2: cần 4 cột (serial,unit,question,answer), dòng này có 3'],
    ['serial,unit,question,answer\n000013,SNV,1,"1\n', 'Dòng 2: có ô mở dấu ngoặc kép " mà không đóng (thừa một dấu "?)'],
    ['  \n', 'Tệp trống: cần dòng tiêu đề "serial,unit,question,answer"'],
  ])('%j', (text, vi) => {
    expect(errorsOf(text).map(keyedProblemVi)).toEqual([vi]);
  });

  it('keeps quoted values as they are, even when they look like a message', () => {
    expect(keyedProblemVi('row 9: unknown serial "row 2: serial is empty"')).toBe('Dòng 9: không có phiếu số "row 2: serial is empty"');
  });

  it('shows a message it has no rule for as it is', () => {
    expect(keyedProblemVi('row 3: something new')).toBe('Dòng 3: something new');
  });
});
