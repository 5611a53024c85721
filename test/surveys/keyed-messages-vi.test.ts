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

  it.each([
    [
      'row 5: unit "118" could be 0118 or 00118 on form 000013 (Excel drops leading zeros: format the unit column as Text)',
      'Dòng 5: mã đơn vị "118" có thể là 0118 hoặc 00118 trên phiếu 000013 (Excel bỏ số 0 ở đầu: hãy định dạng cột unit là Text)',
    ],
    ['row 5: unit "snv" could be Snv or SNV on form 000013', 'Dòng 5: mã đơn vị "snv" có thể là Snv hoặc SNV trên phiếu 000013'],
    [
      'row 6: question "1" could be 01 or 001 on form F1 (Excel drops leading zeros: format the question column as Text)',
      'Dòng 6: mã câu "1" có thể là 01 hoặc 001 trên mẫu phiếu F1 (Excel bỏ số 0 ở đầu: hãy định dạng cột question là Text)',
    ],
  ])('codes that fit several: %j', (en, vi) => {
    expect(keyedProblemVi(en)).toBe(vi);
  });

  it('keeps quoted values as they are, even when they look like a message', () => {
    expect(keyedProblemVi('row 9: unknown serial "row 2: serial is empty"')).toBe('Dòng 9: không có phiếu số "row 2: serial is empty"');
  });

  it('shows a message it has no rule for as it is', () => {
    expect(keyedProblemVi('row 3: something new')).toBe('Dòng 3: something new');
  });
});
