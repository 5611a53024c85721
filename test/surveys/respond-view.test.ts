/** The web questionnaire's view data: heading, cells in form order, typed answers matched to option codes, errors listed and capped. */
import { describe, expect, it } from 'vitest';
import { questionnaireView } from '../../surveys/respond-view';
import { miniCampaign } from '../helpers/campaigns';

const mini = miniCampaign();
const G1 = { formCode: 'F1', groupCode: 'G1', homeUnit: null, accessCode: 'ABCDEFGHJKMN' };

describe('questionnaireView', () => {
  it('heads the page as the paper does and lists every question × unit with the options in campaign order', () => {
    const v = questionnaireView(mini, G1, ['SA', 'SB'], new Map(), new Map());
    expect(v).toMatchObject({ title: 'F1 — Phiếu thử', groupName: 'Đại biểu HĐND tỉnh', homeName: null, code: 'ABCD-EFGH-JKMN', multiUnit: true, answered: 0, total: 6, errorCount: 0 });
    expect(v.questions.map((q) => q.code)).toEqual(['1', '2', '3']);
    expect(v.questions[0].units.map((u) => u.name)).toEqual(['Sở An', 'Sở Bình']);
    expect(v.questions[0].units[1].options.map((o) => [o.field, o.code, o.dontKnow])).toEqual([
      ['a.SB.1', '1', false], ['a.SB.1', '2', false], ['a.SB.1', '3', false], ['a.SB.1', '4', false], ['a.SB.1', '9', true],
    ]);
  });

  it('shows typed answers in any case as chosen, counts them, and lists errors with links to their cells', () => {
    const values = new Map<string, string | string[]>([['SA.1', ' 2 '], ['SB.3', ['9', '9']], ['SA.2', 'x']]);
    const errors = new Map([['SA.2', 'sai'], ['SB.2', 'thiếu']]);
    const v = questionnaireView(mini, G1, ['SA', 'SB'], values, errors);
    expect(v.answered).toBe(2);
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
    const many = questionnaireView({ ...mini, units: [...mini.units, ...Array.from({ length: 8 }, (_, i) => ({ code: `S${i}`, name: `Sở ${i}`, level: 'so' }))] }, G1,
      ['SA', 'SB', ...Array.from({ length: 8 }, (_, i) => `S${i}`)], new Map(), new Map(Array.from({ length: 30 }, (_, i) => [`${i < 3 ? 'SA' : i < 6 ? 'SB' : `S${Math.floor((i - 6) / 3)}`}.${(i % 3) + 1}`, 'x'] as [string, string])));
    expect([many.errorCount, many.errorItems.length, many.errorMore]).toEqual([30, 20, 10]);
  });
});
