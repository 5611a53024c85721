/** The campaign definition page's view model: per-level sums worked by hand, units paged per level, labels in Vietnamese, and what loading a checked file would do. */
import { describe, expect, it } from 'vitest';
import { checkCampaign } from '../../surveys/campaign';
import { campaignDefinitionView, copyProblemsVi, loadPreviewView, UNIT_PAGE_SIZE, type LoadFacts } from '../../surveys/campaign-definition-view';
import { miniCampaign } from '../helpers/campaigns';

/** The mini campaign with `n` communes under SA, the first one replacing two communes of the year before. */
const withCommunes = (n: number) =>
  miniCampaign((raw) => {
    raw.units.push(
      ...Array.from({ length: n }, (_, i) => ({
        code: `X${i + 1}`,
        name: `Xã ${i + 1}`,
        level: 'xa',
        parent: 'SA',
        ...(i === 0 ? { formerly: ['OLD1', 'OLD2'] } : {}),
      })),
    );
  });

describe('campaign definition view', () => {
  it('sums criterion maxima per level with decimal arithmetic and lists the questions feeding each', () => {
    // Maxima at the campaign's 2 decimals (or more where the file has them). C1 2.25 + C2 1.5 = 3.75; with C2 at 0.1 and a third criterion at 0.2: 2.25 + 0.1 + 0.2 = 2.55 (not 2.5500000000000003).
    const cases: [string, (raw: Record<string, any>) => void, string][] = [
      ['as filed', () => {}, '3,75'],
      [
        'tenths',
        (raw) => {
          raw.criteria[1].maxPoints = 0.1;
          raw.criteria.push({ code: 'C3', level: 'so', name: 'Ba', maxPoints: 0.2 });
          raw.forms[0].questions.push({ code: '4', text: 'Bốn', criterion: 'C3' });
        },
        '2,55',
      ],
    ];
    for (const [name, patch, sum] of cases) {
      const [so] = campaignDefinitionView(miniCampaign(patch)).levels;
      expect(so.maxTotal, name).toBe(sum);
    }
    const [so] = campaignDefinitionView(miniCampaign()).levels;
    expect(so.criteria).toEqual([
      { code: 'C1', name: 'Chỉ đạo điều hành CCHC', maxPoints: '2,25', questions: 'F1/1, F1/2' },
      { code: 'C2', name: 'Cải cách thủ tục hành chính', maxPoints: '1,50', questions: 'F1/3' },
    ]);
  });

  it('pages each level separately and clamps the page asked for', () => {
    // 450 communes at 200 a page: pages 1–200, 201–400, 401–450.
    const c = withCommunes(450);
    const table: [{ level?: string; page?: number }, number, number, string, string][] = [
      [{}, 1, 3, 'X1', 'X200'],
      [{ level: 'xa', page: 2 }, 2, 3, 'X201', 'X400'],
      [{ level: 'xa', page: 3 }, 3, 3, 'X401', 'X450'],
      [{ level: 'xa', page: 99 }, 3, 3, 'X401', 'X450'],
      [{ level: 'xa', page: 0 }, 1, 3, 'X1', 'X200'],
      [{ level: 'so', page: 2 }, 1, 3, 'X1', 'X200'],
    ];
    for (const [paging, page, pages, first, last] of table) {
      const xa = campaignDefinitionView(c, paging).levels.find((l) => l.level === 'xa')!;
      const where = JSON.stringify(paging);
      expect([xa.paging?.page, xa.paging?.pages], where).toEqual([page, pages]);
      expect([xa.units[0].code, xa.units.at(-1)!.code], where).toEqual([first, last]);
      expect(xa.units.length, where).toBeLessThanOrEqual(UNIT_PAGE_SIZE);
      expect(xa.paging?.previous, where).toBe(page > 1 ? page - 1 : undefined);
      expect(xa.paging?.next, where).toBe(page < pages ? page + 1 : undefined);
      // A long list starts collapsed unless its own page was asked for.
      expect(xa.open, where).toBe(paging.level === 'xa');
    }
    const so = campaignDefinitionView(c).levels[0];
    expect([so.paging, so.open]).toEqual([undefined, true]);
  });

  it('shows parents by name and code, and the codes a unit replaces', () => {
    const xa = campaignDefinitionView(withCommunes(2)).levels.find((l) => l.level === 'xa')!;
    expect(xa.units).toEqual([
      { code: 'X1', name: 'Xã 1', parent: 'Sở An (SA)', formerly: 'OLD1, OLD2' },
      { code: 'X2', name: 'Xã 2', parent: 'Sở An (SA)', formerly: '' },
    ]);
    expect(xa.hasFormerly).toBe(true);
    // A level without criteria: its units are homes only, and no sum is shown.
    expect([xa.criteria, xa.maxTotal]).toEqual([[], '']);
    expect(campaignDefinitionView(miniCampaign()).levels[0].hasFormerly).toBe(false);
  });

  it('words groups, homes, quotas and settings in Vietnamese', () => {
    const v = campaignDefinitionView(
      miniCampaign((raw) => {
        raw.groups[1].homeUnits = ['SB'];
        raw.spareShare = 0.07;
      }),
    );
    // G1: 2 for the province; G2: 1 in SB only = 1; total 3.
    expect(v.groups.map((g) => [g.code, g.home, g.homeUnits, g.scope, g.quotaPer, g.target])).toEqual([
      ['G1', 'Toàn tỉnh', 'Toàn tỉnh', 'mọi đơn vị', 'toàn tỉnh', 2],
      ['G2', 'Sở, ban, ngành', 'Sở Bình (SB)', 'đơn vị mình', 'mỗi đơn vị', 1],
    ]);
    expect(v.totalTarget).toBe(3);
    // 0.07 × 100 is 7.000000000000001 in floating point: shown as 7 %.
    expect(v.settings.find((s) => s.name === 'Tỷ lệ phiếu dự phòng')!.value).toBe('7 %');
    expect(v.scoring.map((s) => s.value)).toEqual(['bình quân theo nhóm đối tượng (có trọng số)', '1', '5', '50 %', 'tính 0 điểm', '2']);
    expect(v.optionSets[0].options.at(-1)).toEqual({ code: '9', label: 'Không biết', fraction: 'không tính điểm' }); // not «Không biết — không tính điểm (không biết)»
    expect(v.optionSets[0].options[1].fraction).toBe('0,6');
  });

  it('sets the facts beside a form title apart with « · », since level names hold commas', () => {
    // Not «(3 câu, đánh giá Sở, ban, ngành, bộ phương án MD4)», which reads as a list of five things.
    expect(campaignDefinitionView(miniCampaign()).forms.map((f) => f.facts)).toEqual(['3 câu · đánh giá: Sở, ban, ngành · bộ phương án MD4']);
  });
});

describe('load preview', () => {
  const table: [string, LoadFacts, boolean, RegExp][] = [
    ['a new code', { existing: null }, true, /^Đợt điều tra mới: mã X chưa có/],
    [
      'a replace before issuing',
      { existing: { version: 2, issued: 0, answered: false }, outcome: { ok: true, version: 3 } },
      true,
      /phiên bản 2 → 3\).*Chưa có phiếu nào được phát\.$/,
    ],
    [
      'a replace after issuing',
      { existing: { version: 1, issued: 1193, answered: false }, outcome: { ok: true, version: 2 } },
      true,
      /1\.193 phiếu đã phát được giữ nguyên/,
    ],
    [
      'answers freeze it',
      { existing: { version: 1, issued: 4, answered: true }, outcome: { ok: false, problems: [{ kind: 'frozen', code: 'X' }] } },
      false,
      /đã có câu trả lời: định nghĩa của đợt đã khóa/,
    ],
    [
      'issued forms that no longer fit',
      {
        existing: { version: 1, issued: 4, answered: false },
        outcome: { ok: false, problems: [{ kind: 'form-orphaned', serial: '000011', group: 'G2', home: 'SA' }] },
      },
      false,
      /không thể thay thế bằng tệp này:$/,
    ],
  ];
  it.each(table)('%s', (_, facts, loadable, text) => {
    const v = loadPreviewView('X', facts);
    expect(v.loadable).toBe(loadable);
    expect(v.text).toMatch(text);
    expect(v.replaces).toBe(facts.existing !== null);
  });

  it('words the reasons a stored campaign cannot be replaced in Vietnamese (db/campaigns.repo.ts gives them as values)', () => {
    const facts: LoadFacts = {
      existing: { version: 1, issued: 60, answered: false },
      outcome: {
        ok: false,
        problems: [
          { kind: 'form-orphaned', serial: '000011', group: 'G2', home: 'SA' },
          { kind: 'more-forms', count: 1193 },
        ],
      },
    };
    expect(loadPreviewView('X', facts).problems).toEqual([
      'Phiếu số 000011 đã phát thuộc nhóm đối tượng G2, nơi công tác SA, mà tệp mới không còn',
      '… và 1.193 phiếu nữa',
    ]);
  });
});

describe('copy refusals', () => {
  it('names the copy form field where the file would name a JSON path, and keeps other paths', () => {
    const check = checkCampaign({ ...miniCampaign(), code: 'MINI 2027', year: 1990, name: '  ', units: [] });
    if (check.ok) throw new Error('should be refused');
    const texts = copyProblemsVi(check.problems);
    expect(texts.find((t) => t.startsWith('Mã đợt mới: '))).toMatch(/^Mã đợt mới: chỉ được gồm/);
    expect(texts.find((t) => t.startsWith('Năm: '))).toBe('Năm: không được nhỏ hơn 2000');
    expect(texts.some((t) => t.startsWith('Tên đợt mới: '))).toBe(true);
    expect(texts.some((t) => t.startsWith('units: '))).toBe(true);
  });

  it.each([
    ['as filed (the default)', {}, 'máy đọc là lượt 1, một người nhập lượt 2'],
    ['verify', { scanCompletion: 'verify' }, 'máy đọc, người xác nhận các ô máy chưa chắc'],
    // Without double entry there is no pass 2: the page says what really happens.
    ['doubleEntry in a campaign keyed once', { doubleEntry: false }, 'máy đọc, người xác nhận các ô máy chưa chắc'],
  ])('says what completes a scanned form: %s', (_name, patch, words) => {
    const v = campaignDefinitionView(miniCampaign((raw) => Object.assign(raw, patch)));
    expect(v.settings.find((s) => s.name === 'Phiếu quét được máy đọc thì hoàn tất khi')!.value).toBe(words);
  });
});
