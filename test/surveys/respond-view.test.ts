/** The web questionnaire's view data: heading, cells in form order, typed answers matched to option codes, errors listed and capped; address, web introduction, times, where to come back to. */
import { describe, expect, it } from 'vitest';
import { addressOf, publicCampaigns, questionnaireView, returnAnchor, webIntro } from '../../surveys/respond-view';
import { miniCampaign } from '../helpers/campaigns';

const mini = miniCampaign();
const G1 = { formCode: 'F1', groupCode: 'G1', homeUnit: null, accessCode: 'ABCDEFGHJKMN' };

describe('questionnaireView', () => {
  it('heads the page as the paper does and lists every question × unit with the options in campaign order', () => {
    const v = questionnaireView(mini, G1, ['SA', 'SB'], new Map(), new Map());
    expect(v).toMatchObject({
      title: 'F1 — Phiếu thử',
      groupName: 'Đại biểu HĐND tỉnh',
      homeName: null,
      code: 'ABCD-EFGH-JKMN',
      multiUnit: true,
      answered: '0',
      total: '6',
      errorCount: 0,
      nextEmpty: 'c0-0',
      you: 'Ông/Bà',
    });
    expect(v.questions.map((q) => q.code)).toEqual(['1', '2', '3']);
    expect(v.questions[0].units.map((u) => u.name)).toEqual(['Sở An', 'Sở Bình']);
    expect(v.questions[0].units[1].options.map((o) => [o.field, o.code, o.dontKnow])).toEqual([
      ['a.SB.1', '1', false],
      ['a.SB.1', '2', false],
      ['a.SB.1', '3', false],
      ['a.SB.1', '4', false],
      ['a.SB.1', '9', true],
    ]);
  });

  it('shows typed answers in any case as chosen, counts them, and lists errors with links to their cells', () => {
    const values = new Map<string, string | string[]>([
      ['SA.1', ' 2 '],
      ['SB.3', ['9', '9']],
      ['SA.2', 'x'],
    ]);
    const errors = new Map([
      ['SA.2', 'sai'],
      ['SB.2', 'thiếu'],
    ]);
    const v = questionnaireView(mini, G1, ['SA', 'SB'], values, errors);
    expect(v.answered).toBe('2');
    // SA.1 is answered; the first empty cell in form order (question by question) is SB.1.
    expect(v.nextEmpty).toBe('c1-0');
    expect(v.questions[0].units[0].options.filter((o) => o.checked).map((o) => o.code)).toEqual(['2']);
    expect(v.questions[1].units[0].error).toBe('sai');
    expect(v.errorItems).toEqual([
      { href: '#c0-1', text: 'Câu 2 — Sở An: sai' },
      { href: '#c1-1', text: 'Câu 2 — Sở Bình: thiếu' },
    ]);
  });

  it('names the home unit and lists at most 20 errors, counting the rest', () => {
    const errors = new Map(Array.from({ length: 3 }, (_, q) => [`SA.${q + 1}`, 'x'] as [string, string]));
    const own = questionnaireView(mini, { ...G1, groupCode: 'G2', homeUnit: 'SA' }, ['SA'], new Map(), errors);
    expect([own.homeName, own.multiUnit, own.errorCount, own.errorMore]).toEqual(['Sở An', false, 3, 0]);
    const many = questionnaireView(
      { ...mini, units: [...mini.units, ...Array.from({ length: 8 }, (_, i) => ({ code: `S${i}`, name: `Sở ${i}`, level: 'so' }))] },
      G1,
      ['SA', 'SB', ...Array.from({ length: 8 }, (_, i) => `S${i}`)],
      new Map(),
      new Map(Array.from({ length: 30 }, (_, i) => [`${i < 3 ? 'SA' : i < 6 ? 'SB' : `S${Math.floor((i - 6) / 3)}`}.${(i % 3) + 1}`, 'x'] as [string, string])),
    );
    expect([many.errorCount, many.errorItems.length, many.errorMore]).toEqual([30, 20, 10]);
    // 1,200 cells missing read "1.200" on the page, the Vietnamese way.
    const units = Array.from({ length: 400 }, (_, i) => ({ code: `U${i}`, name: `Sở ${i}`, level: 'so' }));
    const big = questionnaireView(
      { ...mini, units: [...mini.units, ...units] },
      G1,
      units.map((u) => u.code),
      new Map(),
      new Map(units.flatMap((u) => ['1', '2', '3'].map((q) => [`${u.code}.${q}`, 'x'] as [string, string]))),
    );
    expect([big.total, big.errorCountText, big.errorMoreText]).toEqual(['1.200', '1.200', '1.180']);
  });
});

describe('the words of the respondent pages', () => {
  const withIntro = (intro: string) => miniCampaign((raw) => (raw.forms[0].intro = intro));

  it.each([
    ['no address at all', 'Xin cho biết ý kiến.', 'Ông/Bà'],
    ['Ông/Bà', 'Đề nghị Ông/Bà cho biết ý kiến.', 'Ông/Bà'],
    ['Ông / Bà spaced', 'Đề nghị Ông / Bà cho biết.', 'Ông/Bà'],
    ['Quý vị', 'Kính mời Quý vị cho biết ý kiến.', 'Quý vị'],
    ['quý vị in lower case', 'Kính mời quý vị.', 'Quý vị'],
    ["both: the paper form's Ông/Bà wins", 'Quý vị đại biểu, Ông/Bà cho biết.', 'Ông/Bà'],
  ])('addresses the respondent as the campaign does: %s', (_name, intro, you) => {
    expect(addressOf(withIntro(intro))).toBe(you);
  });

  it.each([
    ['nothing', undefined, ''],
    ['no paper words', 'Để phục vụ việc xác định Chỉ số. Xin cảm ơn!', 'Để phục vụ việc xác định Chỉ số. Xin cảm ơn!'],
    // The sample's CT-01: the marking sentence, the spoiled-box sentence and the posting sentence go; the rest stays.
    [
      "the sample's sentences",
      'Đề nghị Ông/Bà cho biết ý kiến. Ở mỗi ô, Ông/Bà đánh dấu (X) vào đúng một mức (1 - Rất tốt; 2 - Tốt). Nếu không có đủ thông tin, xin chọn 9 - Không biết; ô này không bị tính là kém. Ô đánh dấu từ hai mức trở lên hoặc không đọc được sẽ không được tính. Ông/Bà có thể trả lời trên phiếu giấy và gửi lại qua bưu điện, hoặc trả lời trực tuyến. Xin trân trọng cảm ơn!',
      'Đề nghị Ông/Bà cho biết ý kiến. Nếu không có đủ thông tin, xin chọn 9 - Không biết; ô này không bị tính là kém. Xin trân trọng cảm ơn!',
    ],
    ['other ways of marking', 'Khoanh tròn số thích hợp. Tích vào ô vuông. Gạch chéo (x) ô chọn. Cảm ơn.', 'Cảm ơn.'],
    ['paragraphs kept, emptied ones dropped', 'Mở đầu.\nĐánh dấu một ô cho mỗi câu hỏi.\nCuối.', 'Mở đầu.\nCuối.'],
    ['only a paper instruction', 'Đánh dấu một ô cho mỗi câu hỏi.', ''],
  ])('leaves paper instructions off the web introduction: %s', (_name, intro, web) => {
    expect(webIntro(intro)).toBe(web);
  });

  it.each([
    // Two units (SA, SB) × three questions (1, 2, 3); cells are c<unit>-<question>.
    ['the cell sent', 'c1-2', [], 'c1-2'],
    ['the question sent', 'q2', [], 'q2'],
    ['no place: the first empty cell, question by question', undefined, ['SA.1', 'SB.1', 'SA.2'], 'c1-1'],
    ['a unit out of range', 'c2-0', ['SA.1'], 'c1-0'],
    ['a question out of range', 'q3', [], 'c0-0'],
    ['not an id', '#x" onmouseover=', [], 'c0-0'],
    ['everything answered', undefined, ['SA.1', 'SB.1', 'SA.2', 'SB.2', 'SA.3', 'SB.3'], 'gui'],
  ])('comes back after saving to %s', (_name, at, answered, anchor) => {
    const done = new Set(answered as string[]);
    expect(returnAnchor(['SA', 'SB'], ['1', '2', '3'], (cell) => done.has(cell), at as string | undefined)).toBe(anchor);
  });
});

describe('the public start page', () => {
  it('lists campaigns by name only, no progress figures', () => {
    const listed = [{ code: 'LCU-2020', name: 'Điều tra 2020', province: 'Lai Châu', year: 2020, issued: 1193, counted: 800, conflicts: 3 }];
    expect(publicCampaigns(listed)).toEqual([{ name: 'Điều tra 2020', province: 'Lai Châu', year: 2020 }]);
  });
});
