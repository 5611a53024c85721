/** Anonymised answers (one row per settled cell of a counted form) and the codebook that explains their columns and codes. */
import type { Campaign } from './campaign';
import type { Row } from './exports';
import { BLANK, SPOILED } from './ledger';
import { homeName, levelName, scopeName } from './names';
import { fractionsOf } from './scope';

/** One settled cell; `responseId` stands for the form without naming its serial or access code. */
export type AnsweredCell = { responseId: string; group: string; home: string | null; form: string; unit: string; question: string; answer: string };

export const ANSWER_COLUMNS = ['response_id', 'group', 'home_unit', 'form', 'unit', 'question', 'answer', 'fraction'];
export const CODEBOOK_COLUMNS = ['section', 'parent', 'code', 'label', 'detail'];

const COLUMN_NOTES: Record<string, string> = {
  response_id: 'Mã phiếu ẩn danh: cố định giữa các lần xuất, không suy ra được số sê-ri hay mã truy cập',
  group: 'Mã nhóm đối tượng (mục group)',
  home_unit: 'Mã đơn vị nơi người trả lời công tác (mục unit); để trống với nhóm toàn tỉnh',
  form: 'Mã mẫu phiếu (mục form)',
  unit: 'Mã đơn vị được đánh giá (mục unit)',
  question: 'Mã câu hỏi trong mẫu phiếu (mục question, cột parent là mẫu phiếu)',
  answer: 'Mã phương án trả lời (mục option); để trống = không đánh dấu; * = ô hỏng',
  fraction: 'Tỷ lệ điểm của phương án (0–1); để trống với ô trống, ô hỏng và "không biết"',
};

/** Rows sorted by response id, so that their order says nothing about the order forms were issued or returned. */
export function answerRows(c: Campaign, cells: AnsweredCell[]): Row[] {
  const fractionOf = new Map<string, Map<string, number | null>>();
  for (const f of c.forms) fractionOf.set(f.code, fractionsOf(c, f));
  const unitOrder = new Map(c.units.map((u, i) => [u.code, i]));
  const questionOrder = new Map(c.forms.flatMap((f) => f.questions.map((q, i) => [`${f.code}\u0000${q.code}`, i] as const)));
  const sorted = [...cells].sort(
    (a, b) =>
      (a.responseId < b.responseId ? -1 : a.responseId > b.responseId ? 1 : 0) ||
      (unitOrder.get(a.unit) ?? 0) - (unitOrder.get(b.unit) ?? 0) ||
      (questionOrder.get(`${a.form}\u0000${a.question}`) ?? 0) - (questionOrder.get(`${b.form}\u0000${b.question}`) ?? 0),
  );
  return sorted.map((x) => ({
    response_id: x.responseId,
    group: x.group,
    home_unit: x.home ?? '',
    form: x.form,
    unit: x.unit,
    question: x.question,
    answer: x.answer,
    fraction: x.answer === BLANK || x.answer === SPOILED ? null : (fractionOf.get(x.form)?.get(x.answer.toUpperCase()) ?? null),
  }));
}

const plain = (n: number) => String(n);

/** What every column, group, unit, form, question, criterion and option code of the answers file means. */
export function codebookRows(c: Campaign): Row[] {
  const rows: Row[] = [];
  const add = (section: string, parent: string, code: string, label: string, detail: string) => rows.push({ section, parent, code, label, detail });
  for (const col of ANSWER_COLUMNS) add('column', '', col, COLUMN_NOTES[col], '');
  add('answer', '', BLANK, 'Để trống', 'Không đánh dấu phương án nào; không tính vào bình quân');
  add('answer', '', SPOILED, 'Ô hỏng', 'Đánh dấu nhiều phương án hoặc không đọc được; không tính vào bình quân');
  for (const s of c.optionSets) {
    for (const o of s.options) {
      add('option', s.code, o.code, o.label, o.fraction === null ? 'Không có điểm: không tính vào bình quân' : `Tỷ lệ điểm ${plain(o.fraction)}`);
    }
  }
  for (const g of c.groups) {
    add(
      'group',
      g.form,
      g.code,
      g.name,
      `Nơi công tác: ${homeName(g.home)}; phạm vi đánh giá: ${scopeName(g.scope)}; chỉ tiêu: ${g.quota}; trọng số: ${plain(g.weight)}`,
    );
  }
  for (const u of c.units) add('unit', u.parent ?? '', u.code, u.name, levelName(u.level));
  for (const x of c.criteria) add('criterion', x.level, x.code, x.name, `Điểm tối đa ${plain(x.maxPoints)}`);
  for (const f of c.forms) {
    add('form', '', f.code, f.title, `Đánh giá: ${levelName(f.targetLevel)}; bộ phương án ${f.optionSet}`);
    for (const q of f.questions) add('question', f.code, q.code, q.text, `Tiêu chí ${q.criterion}`);
  }
  return rows;
}
