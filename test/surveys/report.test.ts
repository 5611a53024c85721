/** The results report's document model: on the sample campaign with answers every unit and its survey points as the scores export writes them, every section, no missing value; on the mini campaign the heading block, self-assessment columns and year on year. */
import { describe, expect, it } from 'vitest';
import { analyseStored } from '../../db/analysis.repo';
import { getCampaign } from '../../db/campaigns.repo';
import { openDb } from '../../db/open';
import { saveSelfPoints, scoreStored } from '../../db/scores.repo';
import { chartSize, intervalChart } from '../../surveys/charts';
import { csvNum, summaryRows } from '../../surveys/exports';
import type { ReportBlock, ReportDocument } from '../../surveys/report/document';
import { buildReport, CHART_WIDTH, placeDateVi, provinceNames, subjectOf } from '../../surveys/report/report';
import { answerEveryForm } from '../helpers/answer-all';
import { keyInConflict, SAMPLE_CAMPAIGN, seedCampaign, serialsOf } from '../helpers/seed';
import { getFormBySerial } from '../../db/forms.repo';
import { seedMini } from '../server/admin-seed';

/** Every text the document shows, heading block and closing included. */
function texts(doc: ReportDocument): string[] {
  const ofBlock = (b: ReportBlock): string[] => {
    switch (b.kind) {
      case 'heading':
      case 'paragraph':
        return [b.text];
      case 'table':
        return [b.caption, ...b.head.flat().map((x) => x.text), ...b.rows.flat().map((x) => x.text), ...(b.note ? [b.note] : [])];
      case 'chart':
        return [b.caption, b.svg];
      case 'page-break':
        return [];
    }
  };
  return [...Object.values(doc.heading), ...doc.blocks.flatMap(ofBlock), ...doc.recipients, doc.signer, doc.name];
}

const tablesOf = (doc: ReportDocument) => doc.blocks.filter((b): b is Extract<ReportBlock, { kind: 'table' }> => b.kind === 'table');
const NOW = new Date('2026-11-29T07:04:00Z');

describe('the report of the sample campaign with answers', () => {
  const db = openDb(':memory:');
  const { c } = seedCampaign(db, { file: SAMPLE_CAMPAIGN });
  answerEveryForm(db, c.code);
  const analysis = analyseStored(db, c, { replicates: 200, seed: 3 });
  const doc = buildReport({ campaign: c.def, analysis, now: NOW });
  const all = texts(doc);

  it('names every scored unit with its survey points as the scores summary export writes them, with the decimal comma', () => {
    const summary = summaryRows(c.def, scoreStored(db, c), csvNum).rows;
    expect(summary.length).toBe(28);
    for (const tableName of ['Sở, ban, ngành', 'UBND cấp huyện']) {
      const ranked = tablesOf(doc).find((t) => t.caption.endsWith(`Điểm điều tra xã hội học và xếp hạng — ${tableName}`))!;
      expect(ranked, tableName).toBeDefined();
    }
    const rankedRows = tablesOf(doc)
      .filter((t) => t.caption.includes('Điểm điều tra xã hội học và xếp hạng'))
      .flatMap((t) => t.rows);
    for (const u of summary) {
      const row = rankedRows.find((r) => r[1].text === u.unit_name);
      expect(row, String(u.unit_name)).toBeDefined();
      // "13.22" in the export, "13,22" in the report; the rank and the maximum too.
      expect(row![2].text).toBe(String(u.survey_points).replace('.', ','));
      expect(row![3].text).toBe(String(u.survey_max).replace('.', ','));
      expect(row![0].text).toBe(String(u.rank));
    }
  });

  it('has the heading block, sections I to III, the annex and the closing', () => {
    expect(doc.heading).toEqual({
      parent: 'UBND TỈNH LAI CHÂU',
      body: 'SỞ NỘI VỤ',
      number: 'Số:      /BC-SNV',
      placeDate: 'Lai Châu, ngày 29 tháng 11 năm 2026',
      title: 'BÁO CÁO',
      subject: 'Kết quả điều tra xã hội học xác định Chỉ số cải cách hành chính năm 2020',
    });
    const headings = doc.blocks.flatMap((b) => (b.kind === 'heading' && b.level === 1 ? [b.text] : []));
    expect(headings).toEqual(['I. MỤC ĐÍCH, PHƯƠNG PHÁP VÀ MẪU KHẢO SÁT', 'II. KẾT QUẢ', 'III. CHẤT LƯỢNG DỮ LIỆU VÀ HẠN CHẾ', 'PHỤ LỤC']);
    // The signature closes the text before the annex, which starts on a new page.
    expect(doc.blocks[doc.annexFrom!]).toEqual({ kind: 'page-break' });
    // Centred, as Nghị định 30/2020/NĐ-CP sets an annex's title (issue 14, finding 13).
    expect(doc.blocks[doc.annexFrom! + 1]).toEqual({ kind: 'heading', level: 1, text: 'PHỤ LỤC', center: true });
    const criteria = tablesOf(doc).find((t) => t.caption.endsWith('Tiêu chí đánh giá qua điều tra xã hội học'))!;
    expect(criteria.rows[0][0]).toEqual({ text: 'Sở, ban, ngành', align: 'left', bold: true, span: 2 });
    expect(doc.signer).toBe('GIÁM ĐỐC');
    expect(doc.recipients[0]).toBe('UBND tỉnh Lai Châu (b/c);');
  });

  it('prints no NaN, null, undefined or empty table, and numbers only with the decimal comma', () => {
    for (const t of all) expect(t).not.toMatch(/\bNaN\b|\bnull\b|\bundefined\b|Infinity/);
    for (const t of tablesOf(doc)) {
      expect(t.rows.length, t.caption).toBeGreaterThan(0);
      expect(t.widths.length, t.caption).toBe(t.head[0].length);
      for (const r of t.rows)
        expect(
          r.reduce((n, x) => n + (x.span ?? 1), 0),
          t.caption,
        ).toBe(t.widths.length);
      // A decimal point between digits would be an English number (the thousands dot has three digits after it).
      for (const x of t.rows.flat().filter((x) => x.align === 'right')) expect(x.text, t.caption).not.toMatch(/\d\.\d{1,2}(?!\d)/);
    }
  });

  it('numbers tables and charts in order and says when there is nothing to compare with', () => {
    const captions = doc.blocks.flatMap((b) => (b.kind === 'table' || b.kind === 'chart' ? [b.caption] : []));
    const tableNumbers = captions.filter((x) => x.startsWith('Bảng')).map((x) => Number(/^Bảng (\d+)\./.exec(x)![1]));
    expect(tableNumbers).toEqual(tableNumbers.map((_, i) => i + 1));
    expect(all).toContain('Báo cáo không so sánh với đợt điều tra trước (không chọn đợt để so sánh).');
    expect(all).toContain('Chưa nạp điểm tự đánh giá của các đơn vị: các bảng dưới đây chỉ nêu điểm điều tra xã hội học.');
  });

  it('takes the response rates, the lowest and highest questions and the group means from the analysis exports’ rounding', () => {
    const total = analysis.response.at(-1)!;
    expect(all.join('\n')).toContain(`Tỷ lệ phản hồi (phiếu hợp lệ / phiếu phát ra): ${String(total.responseRate!.toFixed(1)).replace('.', ',')} %.`);
    const lowest = tablesOf(doc).find((t) => t.caption.includes('thấp nhất — Sở, ban, ngành'))!;
    const so = analysis.questionMeans.filter((q) => q.form.startsWith('CT') && q.mean !== null).sort((a, b) => a.mean! - b.mean!);
    expect(lowest.rows.map((r) => [r[0].text, r[3].text])).toEqual(
      so.slice(0, 3).map((q) => [`${q.form}/${q.question}`, q.percent!.toFixed(1).replace('.', ',')]),
    );
  });
});

describe('the report of the mini campaign with self-assessment and a comparison', () => {
  const db = openDb(':memory:');
  seedMini(db);
  const stored = getCampaign(db, 'MINI-2026')!;
  // SA: 70 + 2.25 = 72.25 of 96.25 + 3.75 = 100 → 72,25 %, Khá; SB: 60 + 1.58 = 61.58 → 61,58 %, Trung bình.
  saveSelfPoints(
    db,
    stored,
    [
      { unit: 'SA', selfPoints: 70, selfMax: 96.25 },
      { unit: 'SB', selfPoints: 60, selfMax: 96.25 },
    ],
    'self.csv',
    'test',
  );
  const analysis = analyseStored(db, stored, { compare: stored, replicates: 200, seed: 1 });
  const doc = buildReport({
    campaign: stored.def,
    analysis,
    compare: { name: stored.def.name, units: stored.def.units },
    now: new Date('2026-02-03T20:00:00Z'),
  });
  const all = texts(doc);

  it('adds self-assessment points, total, percent and band to the ranked table', () => {
    const ranked = tablesOf(doc).find((t) => t.caption.includes('xếp hạng'))!;
    expect(ranked.head[0].map((x) => x.text)).toEqual([
      'Hạng',
      'Đơn vị',
      'Điểm ĐTXHH',
      'Điểm tối đa',
      'Khoảng tin cậy 95 %',
      'Điểm tự đánh giá',
      'Tổng điểm',
      'Tỷ lệ (%)',
      'Xếp loại',
      'Ghi chú',
    ]);
    expect(
      ranked.rows.map((r) =>
        r
          .slice(0, 4)
          .concat(r.slice(5, 9))
          .map((x) => x.text),
      ),
    ).toEqual([
      ['1', 'Sở An', '2,25', '3,75', '70,00', '72,25', '72,25', 'Khá'],
      ['2', 'Sở Bình', '1,58', '3,75', '60,00', '61,58', '61,58', 'Trung bình'],
    ]);
    expect(all).not.toContain('Chưa nạp điểm tự đánh giá của các đơn vị: các bảng dưới đây chỉ nêu điểm điều tra xã hội học.');
  });

  it('names the groups under the minimum of each thin cell with their own n (issue 14, finding 6)', () => {
    const limits = tablesOf(doc).find((t) => t.caption.includes('Ô điểm ít câu trả lời'))!;
    expect(limits.head[0][3].text).toBe('Nhóm dưới mức tối thiểu (số câu trả lời có điểm)');
    const lowN = analysis.limits.filter((r) => r.kind === 'LOW_N');
    expect(lowN.length).toBeGreaterThan(0);
    for (const r of lowN) {
      expect(r.shortGroups.length).toBeGreaterThan(0);
      const row = limits.rows.find((x) => x[1].text === r.criterion && x[0].text === stored.def.units.find((u) => u.code === r.unit)!.name)!;
      const names = new Map(stored.def.groups.map((g) => [g.code, g.name]));
      expect(row[3].text).toBe(r.shortGroups.map((g) => `${names.get(g.group)} (${g.n})`).join('; '));
      expect(row[4].text).toBe(String(r.n));
    }
  });

  it('compares year on year (here with itself: no change) and dates the report in Vietnam time', () => {
    const yoy = tablesOf(doc).find((t) => t.caption.includes('Thay đổi so với đợt MINI-2026'))!;
    // The columns name the campaigns, not «đợt trước»: the compared one may be the later.
    expect(yoy.head[0].map((x) => x.text).slice(1, 3)).toEqual(['Điểm đợt MINI-2026', 'Điểm đợt MINI-2026']);
    expect(yoy.rows.map((r) => r.map((x) => x.text))).toEqual([
      ['Sở An', '2,25', '2,25', '0,00', '60,00', '60,00', '0,00'],
      ['Sở Bình', '1,58', '1,58', '0,00', '42,13', '42,13', '0,00'],
    ]);
    // 20:00 UTC on 3 February is 03:00 on the 4th in Vietnam; the day and months 1–2 take a leading zero.
    expect(doc.heading.placeDate).toBe('Thử, ngày 04 tháng 02 năm 2026');
    expect(doc.heading.parent).toBe('UBND TỈNH THỬ');
  });
});

describe('the report of a campaign without answers, compared with a merged unit', () => {
  const db = openDb(':memory:');
  seedMini(db);
  const before = getCampaign(db, 'MINI-2026')!;
  // Next year SB replaces SA and SB (formerly); nothing is answered yet.
  const { c } = seedCampaign(db, {
    patch: (raw) => {
      raw.code = 'MINI-2027';
      raw.units[1].formerly = ['SA', 'SB'];
    },
  });
  const analysis = analyseStored(db, c, { compare: before, replicates: 100, seed: 1 });
  const doc = buildReport({ campaign: c.def, analysis, compare: { name: before.def.name, units: before.def.units }, now: NOW });
  const all = texts(doc);

  it('says in one sentence that the level has nothing counted yet, with no ranking, chart or table of zeros (finding 4)', () => {
    // Before issue 14: «Điểm cao nhất: Sở An (0,00/3,75 điểm)», a ranked table of 0,00 and a comparison from 0.
    expect(all).toContain('Chưa có câu trả lời nào được tính điểm cho 2 đơn vị thuộc sở, ban, ngành: chưa có điểm và xếp hạng của cấp này.');
    expect(all.join('\n')).not.toContain('Điểm cao nhất');
    expect(doc.blocks.filter((b) => b.kind === 'chart' && b.caption.includes('khoảng tin cậy'))).toEqual([]);
    expect(tablesOf(doc).filter((t) => /xếp hạng|từng tiêu chí|Thay đổi so với/.test(t.caption))).toEqual([]);
  });

  it('still prints no NaN, null or undefined and no empty table', () => {
    for (const t of all) expect(t).not.toMatch(/\bNaN\b|\bnull\b|\bundefined\b|Infinity/);
    for (const t of tablesOf(doc)) expect(t.rows.length, t.caption).toBeGreaterThan(0);
    expect(all.join('\n')).toContain('Không có phiếu giấy nào được nhập liệu.');
  });
});

describe('the heading block’s words', () => {
  it.each([
    ['Lai Châu', 'UBND TỈNH LAI CHÂU', 'Lai Châu'],
    ['Tỉnh Lai Châu', 'UBND TỈNH LAI CHÂU', 'Lai Châu'],
    ['Thành phố Hà Nội', 'UBND THÀNH PHỐ HÀ NỘI', 'Hà Nội'],
  ])('%s → %s, place %s', (province, parent, place) => {
    expect(provinceNames(province)).toMatchObject({ parent, place });
  });
  it.each([
    ['2026-11-29T07:04:00Z', 'Lai Châu, ngày 29 tháng 11 năm 2026'],
    ['2026-03-04T16:59:00Z', 'Lai Châu, ngày 04 tháng 3 năm 2026'],
    ['2026-01-31T17:00:00Z', 'Lai Châu, ngày 01 tháng 02 năm 2026'],
  ])('%s → %s', (at, expected) => {
    expect(placeDateVi('Lai Châu', new Date(at))).toBe(expected);
  });
  it('does not say "điều tra xã hội học" twice in the subject', () => {
    expect(subjectOf('Điều tra xã hội học xác định Chỉ số CCHC năm 2020')).toBe('Kết quả điều tra xã hội học xác định Chỉ số CCHC năm 2020');
    expect(subjectOf('Chỉ số CCHC năm 2020')).toBe('Kết quả điều tra xã hội học Chỉ số CCHC năm 2020');
  });
});

describe('the report’s interval chart', () => {
  it('starts its scale at scaleMin and labels the axis it then draws', () => {
    // 720 px wide: labels 330, values 110, bars 280 px; 12 on a 10–14 scale is half way: 330 + 140 = 470.
    const svg = intervalChart({ title: 'T', rows: [{ label: 'Sở An', value: 12, low: 11, high: 13.5 }], scaleMin: 10, scaleMax: 14, decimals: 2, width: 720 });
    expect(svg).toContain('<circle cx="470.0"');
    expect([...svg.matchAll(/<g class="axis">.*?<\/g>/g)][0][0].match(/>(\d+)<\/text>/g)).toEqual(['>10</text>', '>12</text>', '>14</text>']);
    // One row of 22 px, the axis's two rows (ticks, title) of 22 px, 8 px above and below: 82 px high.
    expect(chartSize(svg)).toEqual({ width: 720, height: 82 });
    // Without scaleMin the scale starts at 0 and no axis is drawn, as on the analysis page.
    expect(intervalChart({ title: 'T', rows: [{ label: 'A', value: 2, low: 1, high: 3 }], scaleMax: 4, decimals: 2 })).not.toContain('class="axis"');
  });
  it('titles its axis and says when the scale does not start at 0 (issue 14, finding 12)', () => {
    const from10 = intervalChart({ title: 'T', rows: [{ label: 'A', value: 12, low: 11, high: 13 }], scaleMin: 10, scaleMax: 14, decimals: 2 });
    expect(from10).toContain('>Điểm khảo sát (thang điểm bắt đầu từ 10, không từ 0)</text>');
    const from0 = intervalChart({ title: 'T', rows: [{ label: 'A', value: 2, low: 1, high: 3 }], scaleMin: 0, scaleMax: 4, decimals: 2 });
    expect(from0).toContain('>Điểm khảo sát</text>');
  });
  it('draws a point whose order is unclear as a diamond, with a legend of both kinds (finding 12)', () => {
    const rows = [
      { label: 'A', value: 13, low: 12, high: 14 },
      { label: 'B', value: 12.5, low: 11, high: 13.5, flag: true },
    ];
    const svg = intervalChart({ title: 'T', rows, scaleMin: 10, scaleMax: 14, decimals: 2, width: 640 });
    const [a, b] = [...svg.matchAll(/<g class="interval[^"]*">.*?<\/g>/g)].map((m) => m[0]);
    expect(a).toContain('<circle');
    expect(b).not.toContain('<circle');
    expect(b).toMatch(/<path d="M[\d.]+ [\d.]+L/);
    expect(svg).toMatch(/<g class="legend"><circle[^>]*\/><text[^>]*>thứ tự rõ<\/text><path[^>]*\/><text[^>]*>thứ tự chưa rõ<\/text><\/g>/);
    // Two rows, the axis and the legend: 8 + 44 + 44 + 22 + 8 = 126 px.
    expect(chartSize(svg)).toEqual({ width: 640, height: 126 });
    expect(intervalChart({ title: 'T', rows: rows.slice(0, 1), scaleMax: 4, decimals: 2 })).not.toContain('class="legend"');
  });
  it('draws the report’s charts 640 wide (issue 14: labels about 8,5 pt at the text width)', () => {
    expect(CHART_WIDTH).toBe(640);
  });
});

describe('the report of a campaign with forms waiting for reconciliation and a scanned pass (issue 14, findings 5 and 16)', () => {
  const db = openDb(':memory:');
  seedMini(db);
  const stored = getCampaign(db, 'MINI-2026')!;
  const base = analyseStored(db, stored, { replicates: 100, seed: 1 });
  // 10 returned on paper: 6 counted, 1 invalid, 3 waiting (keyed once or in conflict) — 6 + 1 + 3 = 10.
  const total = { ...base.response.at(-1)!, returned: 10, returnedWeb: 0, returnedPaper: 10, counted: 6, invalid: 1, pending: 3 };
  const keyers = [
    { keyer: 'Lan', forms: 6, cells: 60, changed: 2, changedPerThousand: 33.33, accuracyPercent: 96.67 },
    { keyer: 'omr', forms: 4, cells: 40, changed: 3, changedPerThousand: 75, accuracyPercent: 92.5 },
  ];
  // 100 cells, 5 changed: 95,00 %.
  const analysis = {
    ...base,
    response: [...base.response.slice(0, -1), total],
    // 150 differing cells wait for reconciliation, 4 scanned cells for a person: 154 undecided.
    accuracy: {
      keyers,
      total: { keyer: 'Tổng', forms: 10, cells: 100, changed: 5, changedPerThousand: 50, accuracyPercent: 95 },
      undecided: { reconcile: 150, verify: 4 },
    },
  };
  const doc = buildReport({ campaign: stored.def, analysis, now: NOW });
  const all = texts(doc).join('\n');

  it('says how many returned forms are still waiting, in the sentence and in the response table', () => {
    expect(all).toContain(
      'số phiếu hợp lệ: 6; không hợp lệ: 1; đang đối chiếu (đã nhập nhưng chưa được tính: chờ nhập lần hai, chờ đối chiếu hoặc kiểm tra): 3.',
    );
    const response = tablesOf(doc).find((t) => t.caption.includes('Phiếu phát ra, thu về và hợp lệ'))!;
    expect(response.head[0][7].text).toBe('Đang đối chiếu');
    expect(response.rows.at(-1)![7].text).toBe('3');
  });

  it('words the scanner’s row as verification, not reconciliation, and says the rate leaves undecided forms out', () => {
    expect(all).toContain(
      'Người nhập liệu nhập 60 ô; 2 ô phải sửa khi đối chiếu hai lần nhập; máy đọc phiếu quét đọc 40 ô; 3 ô được người kiểm tra sửa. Tỷ lệ ô đúng chung 95,00 %.',
    );
    expect(all).toContain(
      'Còn 154 ô chưa được quyết định (150 ô khác nhau giữa hai lần nhập chờ đối chiếu; 4 ô máy đọc chờ người kiểm tra): tỷ lệ trên chỉ tính các ô đã được quyết định. ' +
        '3 phiếu đang chờ nhập lần hai, đối chiếu hoặc kiểm tra chưa được tính điểm.',
    );
    const accuracy = tablesOf(doc).find((t) => t.caption.includes('Độ chính xác nhập liệu'))!;
    expect(accuracy.rows.map((r) => r[0].text)).toEqual(['Lan', 'Máy đọc phiếu quét (số ô người kiểm tra sửa)', 'Tổng']);
  });
});

describe('the report compared with a campaign that has no counted answers (issue 14, finding 3)', () => {
  const db = openDb(':memory:');
  seedMini(db);
  const withAnswers = getCampaign(db, 'MINI-2026')!;
  const { c } = seedCampaign(db, { patch: (raw) => void (raw.code = 'MINI-2027') });
  const empty = getCampaign(db, c.code)!;
  const analysis = analyseStored(db, withAnswers, { compare: empty, replicates: 100, seed: 1 });
  const doc = buildReport({ campaign: withAnswers.def, analysis, compare: { name: empty.def.name, units: empty.def.units }, now: NOW });
  const all = texts(doc);

  it('says so in one sentence and shows no table of changes from 0', () => {
    expect(all).toContain('Đợt «Điều tra thử nghiệm» (MINI-2027) chưa có câu trả lời nào được tính điểm cho các đơn vị này: chưa so sánh được.');
    expect(tablesOf(doc).find((t) => t.caption.includes('Thay đổi so với đợt'))).toBeUndefined();
    expect(analysis.yearOnYear!.rows.map((r) => [r.unit, r.matchedBy, r.noData, r.earlierPoints, r.pointsChange])).toEqual([
      ['SA', 'no_data', 'earlier', null, null],
      ['SB', 'no_data', 'earlier', null, null],
    ]);
  });
});

describe('the report of a level where one unit has no counted answers (issue 14, finding 4)', () => {
  const db = openDb(':memory:');
  seedMini(db);
  const stored = getCampaign(db, 'MINI-2026')!;
  const base = analyseStored(db, stored, { replicates: 100, seed: 1 });
  // Sở Bình's every cell without data: 0 points under noData "zero", which is not a score.
  const cells = base.scores.cells.map((x) => (x.unit === 'SB' ? { ...x, status: 'NO_DATA' as const, n: 0, points: 0, fraction: null, rawPoints: null } : x));
  const units = base.scores.units.map((u) => (u.unit === 'SB' ? { ...u, surveyPoints: 0 } : u));
  const doc = buildReport({ campaign: stored.def, analysis: { ...base, scores: { cells, units } }, now: NOW });
  const all = texts(doc).join('\n');

  it('names it «chưa có số liệu», without 0,00 or a rank, and keeps it out of the highest and lowest', () => {
    expect(all).toContain('thấp nhất: Sở An (2,25/3,75 điểm). Chưa có số liệu (chưa có câu trả lời nào được tính điểm), không xếp hạng: Sở Bình.');
    const ranked = tablesOf(doc).find((t) => t.caption.includes('xếp hạng'))!;
    expect(
      ranked.rows
        .find((r) => r[1].text === 'Sở Bình')!
        .slice(0, 4)
        .map((x) => x.text),
    ).toEqual(['—', 'Sở Bình', 'chưa có số liệu', '—']);
    const byCriterion = tablesOf(doc).find((t) => t.caption.includes('từng tiêu chí'))!;
    expect(byCriterion.rows.find((r) => r[0].text === 'Sở Bình')!.map((x) => x.text)).toEqual(['Sở Bình', '—', '—', 'chưa có số liệu']);
    const chart = doc.blocks.find((b) => b.kind === 'chart' && b.caption.includes('khoảng tin cậy'));
    expect(chart && chart.kind === 'chart' && chart.svg).not.toContain('Sở Bình');
  });
});

describe('forms in conflict, through the stored analysis (issue 14, finding 5)', () => {
  const db = openDb(':memory:');
  const { c, forms } = seedCampaign(db);
  const serial = serialsOf(forms, 'G1')[0];
  // Two passes of one form that differ in one cell (SB question 2): the form waits for reconciliation.
  keyInConflict(db, c, serial);
  const analysis = analyseStored(db, c, { replicates: 100, seed: 1 });
  const all = texts(buildReport({ campaign: c.def, analysis, now: NOW })).join('\n');

  it('counts the form as pending and its differing cell as undecided, so the rate is not read as settled', () => {
    expect(getFormBySerial(db, c.id, serial)!.status).toBe('conflict');
    expect(analysis.response.at(-1)).toMatchObject({ returned: 1, counted: 0, invalid: 0, pending: 1 });
    expect(analysis.accuracy.undecided).toEqual({ reconcile: 1, verify: 0 });
    expect(all).toContain('Còn 1 ô chưa được quyết định (1 ô khác nhau giữa hai lần nhập chờ đối chiếu)');
    expect(all).toContain('đang đối chiếu (đã nhập nhưng chưa được tính: chờ nhập lần hai, chờ đối chiếu hoặc kiểm tra): 1.');
  });
});
