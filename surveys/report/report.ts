/** The results report (báo cáo kết quả điều tra xã hội học) as a document model, built from a campaign and its analysis; every number rounded as the scores and analysis exports round it. */
import type { Analysis } from '../analysis/analysis';
import { STRAIGHT_LINE_MIN_CELLS, DONT_KNOW_FLAG_PERCENT } from '../analysis/quality';
import { WIDE_INTERVAL_SHARE } from '../analysis/limits';
import { unitsWithoutData } from '../analysis/year-on-year';
import type { Campaign } from '../campaign';
import { campaignDefinitionView } from '../campaign-definition-view';
import { barChart, chartSize, intervalChart } from '../charts';
import { formatMax } from '../decimal';
import { decimalTextVi, numberVi, vietnamClock } from '../format-vi';
import { MACHINE_KEYER_NAME } from '../accuracy';
import { MACHINE_OPERATOR } from '../ledger';
import { cellStatusName, combineName, homeName, levelName, noDataName, scopeName } from '../names';
import type { ReportBlock, ReportCell, ReportDocument } from './document';

export type ReportInput = {
  campaign: Campaign;
  /** The campaign's analysis (scores included), as `analysis` and the API compute it. */
  analysis: Analysis;
  /** The campaign compared with, when the analysis compares (analysis.yearOnYear): its name and its units' names. */
  compare?: { name: string; units: { code: string; name: string }[] };
  /** The report's date (Vietnam time). */
  now: Date;
};

/** Rows of a long list shown in the report; the rest are counted in a sentence and stay in the analysis export. */
export const REPORT_LIST_ROWS = 40;
/** The text width of an A4 page with the margins of Nghị định 30/2020/NĐ-CP (210 − 30 − 15 mm): charts are drawn this wide. */
export const TEXT_WIDTH_MM = 165;
/** Charts are drawn 640 px wide: their 12 px labels print at about 8,5 pt across the text width (12 / 640 × 165 mm). */
export const CHART_WIDTH = 640;
/**
 * Units per score chart: 35 rows of 22 px, the axis (44 px), the legend (22 px) and margins (16 px) on a 640 px wide
 * drawing come to 852 px, about 220 mm at 165 mm wide, within one page with its caption.
 */
export const CHART_ROWS = 35;

const cell = (text: string, align: ReportCell['align'] = 'left', bold = false): ReportCell => (bold ? { text, align, bold } : { text, align });
const num = (text: string) => cell(text, 'right');
const head = (...texts: string[]) => [texts.map((t) => cell(t, 'center', true))];

/**
 * "Lai Châu, ngày 29 tháng 11 năm 2026" in Vietnam time; days below 10 and the months 1 and 2 take a leading zero, as
 * Nghị định 30/2020/NĐ-CP (Phụ lục I) writes them.
 */
export function placeDateVi(place: string, now: Date): string {
  const v = vietnamClock(now);
  const day = v.getUTCDate();
  const month = v.getUTCMonth() + 1;
  return `${place}, ngày ${String(day).padStart(2, '0')} tháng ${month <= 2 ? `0${month}` : month} năm ${v.getUTCFullYear()}`;
}

/** A province as the campaign names it ("Lai Châu", "Tỉnh Lai Châu", "Thành phố Hà Nội"): its place name and its People's Committee. */
export function provinceNames(province: string): { place: string; parent: string; committee: string } {
  const m = /^(tỉnh|thành phố)\s+(.+)$/iu.exec(province.trim());
  const place = m ? m[2] : province.trim();
  const kind = m && m[1].toLowerCase() === 'thành phố' ? 'thành phố' : 'tỉnh';
  return { place, parent: `UBND ${kind.toLocaleUpperCase('vi')} ${place.toLocaleUpperCase('vi')}`, committee: `UBND ${kind} ${place}` };
}

/**
 * The whole report: opening, sections I–III, the recipients and signer, then the annex on its own page. Tables and
 * charts are numbered in order; a table without rows is left out, a figure that does not exist is said in one sentence.
 */
export function buildReport(input: ReportInput): ReportDocument {
  const x = context(input);
  opening(x);
  sample(x);
  results(x);
  quality(x);
  // The annex follows the signed text, on a new page.
  const annexFrom = x.blocks.length;
  x.blocks.push({ kind: 'page-break' });
  annex(x);
  const { c, blocks } = x;
  const { place, parent, committee } = provinceNames(c.province);
  return {
    heading: {
      parent,
      body: 'SỞ NỘI VỤ',
      number: 'Số:      /BC-SNV',
      placeDate: placeDateVi(place, input.now),
      title: 'BÁO CÁO',
      subject: subjectOf(c.name),
    },
    blocks,
    recipients: [`${committee} (b/c);`, 'Các đơn vị được đánh giá;', 'Lưu: VT, CCHC.'],
    signer: 'GIÁM ĐỐC',
    name: `Báo cáo kết quả điều tra xã hội học ${c.code}`,
    annexFrom,
  };
}

/** What every section of the report reads: the inputs, the formatters that round as the exports do, and the writers that number tables and charts. */
function context(input: ReportInput) {
  const { campaign: c, analysis: a } = input;
  const d = c.scoring.decimals;
  const pts = (x: number | null) => numberVi(x, d);
  const maxText = (x: number) => decimalTextVi(formatMax(x, d));
  const pct1 = (x: number | null) => numberVi(x, 1);
  const int = (x: number) => numberVi(x, 0);
  const unitName = new Map(c.units.map((u) => [u.code, u.name]));
  const groupName = new Map(c.groups.map((g) => [g.code, g.name]));
  const uName = (code: string) => unitName.get(code) ?? code;
  const earlierNames = new Map((input.compare?.units ?? []).map((u) => [u.code, u.name]));
  const earlierName = (code: string) => (earlierNames.has(code) ? `${earlierNames.get(code)} (${code})` : code);

  const blocks: ReportBlock[] = [];
  let tables = 0;
  let charts = 0;
  const heading = (level: 1 | 2 | 3, text: string) => blocks.push({ kind: 'heading', level, text });
  const para = (text: string, italic = false) => blocks.push(italic ? { kind: 'paragraph', text, italic } : { kind: 'paragraph', text });
  const table = (caption: string, headRows: ReportCell[][], rows: ReportCell[][], widths: number[], note?: string) => {
    if (rows.length === 0) return;
    blocks.push({ kind: 'table', caption: `Bảng ${++tables}. ${caption}`, head: headRows, rows, widths, ...(note ? { note } : {}) });
  };
  const chart = (caption: string, svg: string) => {
    const size = chartSize(svg);
    blocks.push({
      kind: 'chart',
      caption: `Biểu đồ ${++charts}. ${caption}`,
      svg,
      width: TEXT_WIDTH_MM,
      height: Math.round((TEXT_WIDTH_MM * size.height * 10) / size.width) / 10,
    });
  };
  /** A long list cut at REPORT_LIST_ROWS, with the sentence that says how many more the export holds. */
  const capped = <T>(rows: T[], exportTable: string) => ({
    shown: rows.slice(0, REPORT_LIST_ROWS),
    more:
      rows.length > REPORT_LIST_ROWS
        ? `Bảng chỉ nêu ${int(REPORT_LIST_ROWS)} dòng đầu; ${int(rows.length - REPORT_LIST_ROWS)} dòng còn lại có trong bảng «${exportTable}» của tệp kết quả phân tích.`
        : undefined,
  });

  const total = a.response.find((r) => r.group === null)!;
  const scored = a.scores.units;
  const withSelf = scored.some((u) => u.self !== null);
  /** Units with no counted answer in any cell: their 0 points are not a score and get no rank. */
  const empty = unitsWithoutData(a.scores.cells);
  const levels = [...new Set(c.units.map((u) => u.level))].filter((l) => scored.some((u) => u.level === l));
  return {
    c,
    a,
    input,
    d,
    pts,
    maxText,
    pct1,
    int,
    groupName,
    uName,
    earlierName,
    blocks,
    heading,
    para,
    table,
    chart,
    capped,
    total,
    scored,
    withSelf,
    empty,
    levels,
  };
}

type Context = ReturnType<typeof context>;

/** The opening sentence: which plan the survey carried out, of which levels. */
function opening(x: Context): void {
  const { c, para, levels } = x;
  para(
    `Thực hiện kế hoạch ${lowerFirst(c.name)} (mã đợt ${c.code}), Sở Nội vụ đã tổ chức điều tra xã hội học lấy ý kiến đánh giá của các nhóm đối tượng ` +
      `về công tác cải cách hành chính của ${levels.map((l) => lowerFirst(levelName(l))).join(' và ')}. ` +
      `Sở Nội vụ báo cáo kết quả như sau:`,
  );
}

/** I. Mục đích, phương pháp và mẫu khảo sát: purpose, method, groups, forms issued, returned and valid, response rates. */
function sample(x: Context): void {
  const { c, a, pct1, int, groupName, heading, para, table, chart, total } = x;
  heading(1, 'I. MỤC ĐÍCH, PHƯƠNG PHÁP VÀ MẪU KHẢO SÁT');
  heading(2, '1. Mục đích');
  para(
    `Đo lường đánh giá của cán bộ, công chức và đại biểu dân cử đối với kết quả cải cách hành chính của từng đơn vị; ` +
      `xác định điểm các tiêu chí, tiêu chí thành phần đánh giá qua điều tra xã hội học của Chỉ số cải cách hành chính năm ${c.year} ` +
      `và chỉ ra những nội dung còn hạn chế để các đơn vị khắc phục.`,
  );
  heading(2, '2. Phương pháp');
  para(
    `Điều tra bằng ${int(c.forms.length)} mẫu phiếu (${c.forms.map((f) => f.code).join(', ')}), phát cho ${int(c.groups.length)} nhóm đối tượng; ` +
      `phiếu được trả lời trên giấy hoặc trực tuyến, phiếu giấy được nhập liệu${c.doubleEntry ? ' hai lần độc lập và đối chiếu' : ''}. ` +
      `Điểm của mỗi tiêu chí được tính theo cách ${combineName(c.scoring.combine)} (công thức tại Phụ lục); ` +
      `câu trả lời «Không biết», ô để trống và ô hỏng không tính vào điểm.`,
  );
  para(
    `Độ tin cậy của điểm và thứ hạng được ước lượng bằng phương pháp lấy mẫu lặp (bootstrap) ${int(a.bootstrap.replicates)} lần, ` +
      `rút lại nguyên phiếu trong từng nhóm đối tượng (số khởi tạo ngẫu nhiên ${a.bootstrap.seed}); khoảng tin cậy 95 % là khoảng ` +
      `từ phân vị 2,5 % đến 97,5 % của các lần lặp. Hai đơn vị liền nhau được ghi «thứ tự chưa rõ» khi đơn vị xếp trên ` +
      `có điểm cao hơn trong dưới 95 % số lần lặp.`,
  );
  const targetOf = new Map(a.response.filter((r) => r.group !== null && r.home === null).map((r) => [r.group, r.target]));
  table(
    'Các nhóm đối tượng khảo sát',
    head('Nhóm đối tượng', 'Mẫu phiếu', 'Nơi công tác', 'Đơn vị được đánh giá', 'Chỉ tiêu (phiếu)', 'Trọng số'),
    c.groups.map((g) => [
      cell(g.name),
      cell(g.form, 'center'),
      cell(homeName(g.home)),
      cell(scopeName(g.scope)),
      num(int(targetOf.get(g.code) ?? 0)),
      num(decimalTextVi(String(g.weight))),
    ]),
    [34, 10, 16, 16, 12, 10],
    c.scoring.combine === 'pooled' ? 'Cách tính bình quân chung: trọng số không được dùng.' : undefined,
  );
  heading(2, '3. Mẫu khảo sát');
  para(
    `Tổng số phiếu phát ra: ${int(total.issued)}; số phiếu thu về: ${int(total.returned)} (trực tuyến ${int(total.returnedWeb)}, ` +
      `phiếu giấy ${int(total.returnedPaper)}); số phiếu hợp lệ: ${int(total.counted)}; không hợp lệ: ${int(total.invalid)}` +
      // Returned forms not counted yet are named, so that returned = valid + invalid + pending adds up.
      (total.pending ? `; đang đối chiếu (đã nhập nhưng chưa được tính: chờ nhập lần hai, chờ đối chiếu hoặc kiểm tra): ${int(total.pending)}. ` : '. ') +
      (total.responseRate === null ? 'Chưa phát phiếu nào.' : `Tỷ lệ phản hồi (phiếu hợp lệ / phiếu phát ra): ${pct1(total.responseRate)} %.`),
  );
  const responseRows = a.response.filter((r) => r.home === null);
  table(
    'Phiếu phát ra, thu về và hợp lệ theo nhóm đối tượng',
    head(
      'Nhóm đối tượng',
      'Chỉ tiêu',
      'Phát ra',
      'Thu về trực tuyến',
      'Thu về phiếu giấy',
      'Hợp lệ',
      'Không hợp lệ',
      'Đang đối chiếu',
      'Tỷ lệ phản hồi (%)',
      'Đạt chỉ tiêu (%)',
    ),
    responseRows.map((r) => {
      const bold = r.group === null;
      return [
        cell(r.group === null ? 'Tổng cộng' : (groupName.get(r.group) ?? r.group), 'left', bold),
        ...[r.target, r.issued, r.returnedWeb, r.returnedPaper, r.counted, r.invalid, r.pending].map((x) => cell(int(x), 'right', bold)),
        cell(pct1(r.responseRate), 'right', bold),
        cell(pct1(r.quotaPercent), 'right', bold),
      ];
    }),
    [26, 8, 8, 8, 8, 8, 8, 8, 9, 9],
    total.pending ? '«Đang đối chiếu»: phiếu đã thu về và đã nhập nhưng chưa được tính (chờ nhập lần hai, chờ đối chiếu hoặc kiểm tra).' : undefined,
  );
  const rated = responseRows.filter((r) => r.group !== null && r.responseRate !== null);
  if (rated.length) {
    chart(
      'Tỷ lệ phản hồi theo nhóm đối tượng (%)',
      barChart({
        title: 'Tỷ lệ phản hồi theo nhóm đối tượng (%)',
        bars: rated.map((r) => ({ label: groupName.get(r.group!) ?? r.group!, value: r.responseRate, suffix: ' %' })),
        scaleMax: 100,
        decimals: 1,
        width: CHART_WIDTH,
      }),
    );
  }
  const reasons = a.invalidReasons.filter((r) => r.group === null);
  if (reasons.length) para(`Phiếu không hợp lệ theo lý do: ${reasons.map((r) => `${r.reason || 'không ghi lý do'}: ${int(r.forms)}`).join('; ')}.`);
}

/** II. Kết quả, level by level: ranked table and chart, unit × criterion, group means, lowest and highest questions, year on year. */
function results(x: Context): void {
  const { c, a, input, d, pts, maxText, pct1, int, earlierName, heading, para, table, chart, scored, withSelf, empty, levels } = x;
  heading(1, 'II. KẾT QUẢ');
  if (!withSelf) para('Chưa nạp điểm tự đánh giá của các đơn vị: các bảng dưới đây chỉ nêu điểm điều tra xã hội học.', true);
  const intervalOf = new Map(a.bootstrap.units.map((u) => [u.unit, u]));
  levels.forEach((level, li) => {
    const units = scored.filter((u) => u.level === level).sort((x, y) => x.rank - y.rank);
    const criteria = c.criteria.filter((x) => x.level === level);
    const lname = levelName(level);
    let sub = 0;
    const letter = () => `${String.fromCharCode(97 + sub++)})`;
    heading(2, `${li + 1}. ${lname}`);

    const ranked = units.filter((u) => !empty.has(u.unit));
    const noData = units.filter((u) => empty.has(u.unit));
    // A level with nothing counted yet has no ranking, chart or table of zeros: one sentence says so.
    if (ranked.length === 0) {
      para(`Chưa có câu trả lời nào được tính điểm cho ${int(units.length)} đơn vị thuộc ${lowerFirst(lname)}: chưa có điểm và xếp hạng của cấp này.`);
      return;
    }
    heading(3, `${letter()} Điểm điều tra xã hội học và xếp hạng`);
    const best = ranked[0];
    const worst = ranked.at(-1)!;
    para(
      `${int(units.length)} đơn vị được đánh giá. Điểm cao nhất: ${best.unitName} (${pts(best.surveyPoints)}/${maxText(best.surveyMax)} điểm); ` +
        `thấp nhất: ${worst.unitName} (${pts(worst.surveyPoints)}/${maxText(worst.surveyMax)} điểm).` +
        (noData.length ? ` Chưa có số liệu (chưa có câu trả lời nào được tính điểm), không xếp hạng: ${noData.map((u) => u.unitName).join(', ')}.` : ''),
    );
    const unclear = ranked.filter((u) => intervalOf.get(u.unit)?.orderUnclear);
    table(
      `Điểm điều tra xã hội học và xếp hạng — ${lname}`,
      head(
        'Hạng',
        'Đơn vị',
        'Điểm ĐTXHH',
        'Điểm tối đa',
        'Khoảng tin cậy 95 %',
        ...(withSelf ? ['Điểm tự đánh giá', 'Tổng điểm', 'Tỷ lệ (%)', 'Xếp loại'] : []),
        'Ghi chú',
      ),
      [...ranked, ...noData].map((u) => {
        if (empty.has(u.unit)) {
          return [
            cell('—', 'center'),
            cell(u.unitName),
            num('chưa có số liệu'),
            num('—'),
            cell('—', 'center'),
            ...(withSelf ? [num(u.self ? pts(u.self.selfPoints) : '—'), num('—'), num('—'), cell('—', 'center')] : []),
            cell(''),
          ];
        }
        const iv = intervalOf.get(u.unit);
        return [
          cell(int(u.rank), 'center'),
          cell(u.unitName),
          num(pts(u.surveyPoints)),
          num(maxText(u.surveyMax)),
          cell(iv ? `${pts(iv.low)} – ${pts(iv.high)}` : '—', 'center'),
          ...(withSelf
            ? [
                num(u.self ? pts(u.self.selfPoints) : '—'),
                num(u.self ? pts(u.self.total) : '—'),
                num(u.self ? pts(u.self.percent) : '—'),
                cell(u.self?.band ?? '—', 'center'),
              ]
            : []),
          cell(iv?.orderUnclear ? 'thứ tự chưa rõ' : ''),
        ];
      }),
      withSelf ? [7, 25, 9, 9, 13, 9, 9, 8, 9, 12] : [8, 35, 11, 11, 17, 18],
      unclear.length
        ? `«Thứ tự chưa rõ»: ở ${int(unclear.length)} đơn vị, thứ tự so với đơn vị xếp liền trên chưa chắc chắn ở mức tin cậy 95 %.`
        : 'Thứ tự của mọi cặp đơn vị liền nhau đều rõ ở mức tin cậy 95 %.',
    );
    // The scale spans the level's intervals to whole points (the axis says where it starts): from 0 the intervals of
    // units a point apart would be specks.
    const lows = ranked.map((u) => intervalOf.get(u.unit)?.low ?? u.surveyPoints);
    const highs = ranked.map((u) => intervalOf.get(u.unit)?.high ?? u.surveyPoints);
    const scaleMin = Math.max(0, Math.floor(Math.min(...lows)));
    const scaleMax = Math.max(scaleMin + 1, Math.ceil(Math.max(...highs)));
    // A chart fits on one page: a long level is drawn in parts of CHART_ROWS units, in rank order, each named by its
    // places in the ranked table (tied units share a rank, so ranks would not tell the parts apart).
    for (let from = 0; from < ranked.length; from += CHART_ROWS) {
      const part = ranked.slice(from, from + CHART_ROWS);
      const title = `Điểm điều tra xã hội học và khoảng tin cậy 95 % — ${lname}`;
      chart(
        ranked.length > CHART_ROWS ? `${title} (đơn vị thứ ${from + 1}–${from + part.length} theo xếp hạng)` : title,
        intervalChart({
          title,
          rows: part.map((u) => {
            const iv = intervalOf.get(u.unit);
            return { label: u.unitName, value: u.surveyPoints, low: iv?.low ?? null, high: iv?.high ?? null, flag: iv?.orderUnclear };
          }),
          scaleMin,
          scaleMax,
          decimals: d,
          width: CHART_WIDTH,
        }),
      );
    }

    heading(3, `${letter()} Điểm theo tiêu chí`);
    const cellOf = new Map(a.scores.cells.filter((x) => x.level === level).map((x) => [`${x.unit}\u0000${x.criterion}`, x]));
    table(
      `Điểm từng tiêu chí — ${lname}`,
      [
        [cell('Đơn vị', 'center', true), ...criteria.map((x) => cell(x.code, 'center', true)), cell('Tổng', 'center', true)],
        [
          cell('Điểm tối đa', 'center', true),
          ...criteria.map((x) => cell(maxText(x.maxPoints), 'center', true)),
          cell(maxText(ranked[0].surveyMax), 'center', true),
        ],
      ],
      [...ranked, ...noData].map((u) => [
        cell(u.unitName),
        ...criteria.map((x) => {
          const s = cellOf.get(`${u.unit}\u0000${x.code}`);
          return num(s && !empty.has(u.unit) ? `${pts(s.points)}${s.status === 'OK' ? '' : '*'}` : '—');
        }),
        num(empty.has(u.unit) ? 'chưa có số liệu' : pts(u.surveyPoints)),
      ]),
      [26, ...criteria.map(() => 64 / criteria.length), 10],
      `(*) Ô ít câu trả lời hoặc chưa có dữ liệu (mục III). ` + criteria.map((x) => `${x.code}: ${x.name}`).join('; ') + '.',
    );

    heading(3, `${letter()} Đánh giá theo nhóm đối tượng`);
    const feeding = c.groups.filter((g) => c.forms.find((f) => f.code === g.form)?.targetLevel === level);
    const meanOf = new Map(a.groupMeans.map((r) => [`${r.unit}\u0000${r.group}`, r]));
    para(
      'Tỷ lệ điểm đạt (%) của mỗi đơn vị theo đánh giá của từng nhóm: điểm mà riêng câu trả lời của nhóm mang lại, ' +
        'chia cho điểm tối đa của các tiêu chí nhóm đánh giá; trong ngoặc là số câu trả lời có điểm.',
    );
    const groupRows = units.map((u) => [
      cell(u.unitName),
      ...feeding.map((g) => {
        const m = meanOf.get(`${u.unit}\u0000${g.code}`);
        return num(m ? `${pct1(m.percent)} (${int(m.n)})` : '—');
      }),
    ]);
    table(
      `Tỷ lệ điểm đạt theo nhóm đối tượng (%) — ${lname}`,
      [[cell('Đơn vị', 'center', true), ...feeding.map((g) => cell(g.name, 'center', true))]],
      groupRows,
      [30, ...feeding.map(() => 70 / Math.max(1, feeding.length))],
      groupRows.some((r) => r.some((x) => x.text === '—')) ? '«—»: nhóm không đánh giá đơn vị này.' : undefined,
    );

    const questions = a.questionMeans
      .filter((q) => q.mean !== null && c.forms.find((f) => f.code === q.form)?.targetLevel === level)
      .sort((x, y) => x.mean! - y.mean!);
    const k = Math.min(3, Math.floor(questions.length / 2));
    if (k > 0) {
      heading(3, `${letter()} Các câu hỏi có kết quả thấp nhất và cao nhất`);
      const textOf = new Map(c.forms.flatMap((f) => f.questions.map((q) => [`${f.code}\u0000${q.code}`, q.text])));
      const rows = (list: typeof questions) =>
        list.map((q) => [
          cell(`${q.form}/${q.question}`, 'center'),
          cell(textOf.get(`${q.form}\u0000${q.question}`) ?? ''),
          num(int(q.n)),
          num(pct1(q.percent)),
        ]);
      const qHead = head('Câu hỏi', 'Nội dung câu hỏi', 'Số câu trả lời có điểm', 'Tỷ lệ điểm đạt (%)');
      table(`Các câu hỏi có kết quả thấp nhất — ${lname}`, qHead, rows(questions.slice(0, k)), [15, 55, 15, 15]);
      table(`Các câu hỏi có kết quả cao nhất — ${lname}`, qHead, rows(questions.slice(-k).reverse()), [15, 55, 15, 15]);
    }

    if (a.yearOnYear) {
      const yo = a.yearOnYear;
      heading(3, `${letter()} So sánh với đợt điều tra ${yo.compare}`);
      const rankOf = new Map(units.map((u) => [u.unit, u.rank]));
      const yoy = yo.rows.filter((r) => r.level === level).sort((x, y) => (rankOf.get(x.unit) ?? 0) - (rankOf.get(y.unit) ?? 0));
      const matched = yoy.filter((r) => r.matchedBy === 'code' || r.matchedBy === 'formerly');
      const merged = matched.filter((r) => r.matchedBy === 'formerly');
      // A unit without counted answers in the compared campaign has no points there, not 0 points.
      const missingThen = yoy.filter((r) => r.matchedBy === 'none' || r.noData === 'earlier' || r.noData === 'both');
      const missingNow = yoy.filter((r) => r.noData === 'now');
      const compared = input.compare ? `«${input.compare.name}» (${yo.compare})` : yo.compare;
      if (yoy.every((r) => r.matchedBy === 'none' || r.noData === 'earlier' || r.noData === 'both')) {
        para(`Đợt ${compared} chưa có câu trả lời nào được tính điểm cho các đơn vị này: chưa so sánh được.`);
      } else {
        para(
          `So sánh với đợt ${compared}: ${int(matched.length)} đơn vị có số liệu để so sánh.` +
            (missingThen.length ? ` Đợt ${yo.compare} chưa có số liệu: ${missingThen.map((r) => r.unitName).join(', ')}.` : '') +
            (missingNow.length ? ` Đợt ${c.code} chưa có số liệu: ${missingNow.map((r) => r.unitName).join(', ')}.` : ''),
        );
        if (merged.length) {
          para(
            `Đơn vị hình thành sau sắp xếp được so sánh với bình quân của các đơn vị trước đây: ` +
              merged.map((r) => `${r.unitName} với bình quân của ${r.earlierUnits.map(earlierName).join(', ')}`).join('; ') +
              '.',
          );
        }
        // The columns name both campaigns: the compared one may be later than this one.
        table(
          `Thay đổi so với đợt ${yo.compare} — ${lname}`,
          head(
            'Đơn vị',
            `Điểm đợt ${yo.compare}`,
            `Điểm đợt ${c.code}`,
            'Thay đổi (điểm)',
            `Tỷ lệ đợt ${yo.compare} (%)`,
            `Tỷ lệ đợt ${c.code} (%)`,
            'Thay đổi (điểm %)',
          ),
          matched.map((r) => [
            cell(r.unitName + (r.matchedBy === 'formerly' ? ' (**)' : '')),
            num(pts(r.earlierPoints)),
            num(pts(r.points)),
            num(signed(r.pointsChange, d)),
            num(pts(r.earlierPercent)),
            num(pts(r.percent)),
            num(signed(r.percentChange, d)),
          ]),
          [30, 11, 11, 12, 12, 12, 12],
          merged.length ? '(**) So sánh với bình quân các đơn vị trước sắp xếp.' : undefined,
        );
      }
    }
  });
  if (!a.yearOnYear) para('Báo cáo không so sánh với đợt điều tra trước (không chọn đợt để so sánh).', true);
}

/** III. Chất lượng dữ liệu và hạn chế: thin cells, wide intervals, straight-lining, «Không biết», reliability, keying accuracy. */
function quality(x: Context): void {
  const { c, a, pts, maxText, pct1, int, uName, groupName, heading, para, table, capped, total } = x;
  heading(1, 'III. CHẤT LƯỢNG DỮ LIỆU VÀ HẠN CHẾ');
  heading(2, '1. Ô điểm ít câu trả lời hoặc chưa có dữ liệu');
  const thin = a.limits.filter((r) => r.kind !== 'WIDE');
  if (thin.length === 0) para(`Không có ô điểm nào có nhóm được tính với ít hơn ${int(c.scoring.warnBelow)} câu trả lời, và không có ô chưa có dữ liệu.`);
  else {
    const { shown, more } = capped(thin, 'data_limits');
    const pooled = c.scoring.combine === 'pooled';
    para(
      `${int(thin.length)} ô (đơn vị × tiêu chí) ` +
        (pooled
          ? `được tính với ít hơn ${int(c.scoring.warnBelow)} câu trả lời có điểm`
          : `có nhóm được tính với ít hơn ${int(c.scoring.warnBelow)} câu trả lời có điểm`) +
        `, hoặc chưa có câu trả lời nào (${noDataName(c.scoring.noData)}); điểm các ô này cần được đọc thận trọng.`,
    );
    // The short groups are named with their own counts: the cell's total may well be above the minimum.
    table(
      'Ô điểm ít câu trả lời hoặc chưa có dữ liệu',
      head('Đơn vị', 'Tiêu chí', 'Tình trạng', ...(pooled ? [] : ['Nhóm dưới mức tối thiểu (số câu trả lời có điểm)']), 'Tổng số câu trả lời có điểm', 'Điểm'),
      shown.map((r) => [
        cell(uName(r.unit)),
        cell(r.criterion, 'center'),
        cell(cellStatusName(r.kind)),
        ...(pooled ? [] : [cell(r.shortGroups.map((g) => `${groupName.get(g.group) ?? g.groupName} (${int(g.n)})`).join('; ') || '—')]),
        num(int(r.n)),
        num(pts(r.points)),
      ]),
      pooled ? [38, 12, 20, 15, 15] : [24, 9, 14, 29, 12, 12],
      more,
    );
  }
  heading(2, '2. Điểm có khoảng tin cậy rộng');
  const wide = a.limits.filter((r) => r.kind === 'WIDE');
  const rule = `khoảng tin cậy 95 % rộng hơn ${numberVi(100 * WIDE_INTERVAL_SHARE, 0)} % điểm tối đa của tiêu chí`;
  if (wide.length === 0) para(`Không có điểm tiêu chí nào có ${rule}.`);
  else {
    const { shown, more } = capped(wide, 'data_limits');
    para(`${int(wide.length)} điểm tiêu chí có ${rule}: điểm có thể thay đổi đáng kể với một mẫu khác.`);
    table(
      'Điểm tiêu chí có khoảng tin cậy rộng',
      head('Đơn vị', 'Tiêu chí', 'Điểm', 'Điểm tối đa', 'Khoảng tin cậy 95 %', 'Độ rộng (% điểm tối đa)'),
      shown.map((r) => [
        cell(uName(r.unit)),
        cell(r.criterion, 'center'),
        num(pts(r.points)),
        num(maxText(r.maxPoints)),
        cell(`${pts(r.low)} – ${pts(r.high)}`, 'center'),
        num(pct1(r.widthPercent)),
      ]),
      [34, 11, 11, 11, 18, 15],
      more,
    );
  }
  heading(2, '3. Phiếu trả lời một kiểu');
  const lined = a.straightLined;
  if (lined.length === 0)
    para(`Không có phiếu nào chọn cùng một phương án cho mọi ô đã trả lời (xét các phiếu có từ ${int(STRAIGHT_LINE_MIN_CELLS)} ô trở lên).`);
  else {
    para(
      `${int(lined.length)} phiếu hợp lệ (${pct1(total.counted ? (100 * lined.length) / total.counted : null)} % số phiếu hợp lệ) chọn cùng một phương án ` +
        `cho mọi ô đã trả lời (từ ${int(STRAIGHT_LINE_MIN_CELLS)} ô trở lên). Các phiếu này được đánh dấu để xem xét nhưng vẫn được tính điểm.`,
    );
    const byGroup = new Map<string, number>();
    for (const r of lined) byGroup.set(r.group, (byGroup.get(r.group) ?? 0) + 1);
    table(
      'Phiếu trả lời một kiểu theo nhóm đối tượng',
      head('Nhóm đối tượng', 'Số phiếu'),
      c.groups.flatMap((g) => (byGroup.has(g.code) ? [[cell(g.name), num(int(byGroup.get(g.code)!))]] : [])),
      [80, 20],
    );
  }
  heading(2, '4. Đơn vị nhiều người trả lời «Không biết»');
  const dk = a.dontKnow.filter((r) => r.flagged);
  if (dk.length === 0) para(`Không có đơn vị nào có từ ${int(DONT_KNOW_FLAG_PERCENT)} % số ô trả lời «Không biết» trở lên.`);
  else {
    const { shown, more } = capped(dk, 'dont_know');
    para(
      `${int(dk.length)} đơn vị có từ ${int(DONT_KNOW_FLAG_PERCENT)} % số ô đánh giá trả lời «Không biết» trở lên: nhiều người trả lời chưa đủ thông tin để đánh giá.`,
    );
    table(
      'Đơn vị nhiều người trả lời «Không biết»',
      head('Đơn vị', 'Số ô đánh giá', 'Số ô «Không biết»', 'Tỷ lệ (%)'),
      shown.map((r) => [cell(uName(r.unit)), num(int(r.cells)), num(int(r.dontKnow)), num(pct1(r.percent))]),
      [52, 16, 16, 16],
      more,
    );
  }
  heading(2, '5. Độ tin cậy của thang đo');
  para(
    'Hệ số Cronbach’s alpha của các câu hỏi trong mỗi mẫu phiếu (mỗi trường hợp là một phiếu × một đơn vị được đánh giá có câu trả lời có điểm ở mọi câu); ' +
      'hệ số từ 0,7 trở lên cho thấy các câu hỏi đo nhất quán.',
  );
  table(
    'Hệ số Cronbach’s alpha theo mẫu phiếu',
    head('Mẫu phiếu', 'Số câu hỏi', 'Số trường hợp', 'Hệ số alpha'),
    a.reliability.map((r) => [cell(r.form, 'center'), num(int(r.items)), num(int(r.n)), num(r.alpha === null ? 'không tính được' : numberVi(r.alpha, 3))]),
    [25, 25, 25, 25],
  );
  heading(2, '6. Độ chính xác nhập liệu');
  const keyers = a.accuracy.keyers;
  if (keyers.length === 0) para('Không có phiếu giấy nào được nhập liệu.');
  else {
    const t = a.accuracy.total;
    // The scanner's pass is counted like a keyer's, but what a person changed in it was a scan verification, not a
    // reconciliation of two keyers: each is named for what it was.
    const machine = keyers.find((r) => r.keyer === MACHINE_OPERATOR);
    const u = a.accuracy.undecided;
    const undecidedCells = u.reconcile + u.verify;
    const people = keyers.filter((r) => r !== machine);
    const keyedCells = people.reduce((s, r) => s + r.cells, 0);
    const keyedChanged = people.reduce((s, r) => s + r.changed, 0);
    para(
      [
        people.length ? `Người nhập liệu nhập ${int(keyedCells)} ô; ${int(keyedChanged)} ô phải sửa khi đối chiếu hai lần nhập` : '',
        machine ? `máy đọc phiếu quét đọc ${int(machine.cells)} ô; ${int(machine.changed)} ô được người kiểm tra sửa` : '',
      ]
        .filter(Boolean)
        .join('; ') +
        (t.accuracyPercent === null ? '.' : `. Tỷ lệ ô đúng chung ${numberVi(t.accuracyPercent, 2)} %.`) +
        // Differences still undecided are not in the rate: it covers the cells already decided.
        (undecidedCells
          ? ` Còn ${int(undecidedCells)} ô chưa được quyết định (${[
              u.reconcile ? `${int(u.reconcile)} ô khác nhau giữa hai lần nhập chờ đối chiếu` : '',
              u.verify ? `${int(u.verify)} ô máy đọc chờ người kiểm tra` : '',
            ]
              .filter(Boolean)
              .join('; ')}): tỷ lệ trên chỉ tính các ô đã được quyết định.`
          : '') +
        (total.pending ? ` ${int(total.pending)} phiếu đang chờ nhập lần hai, đối chiếu hoặc kiểm tra chưa được tính điểm.` : ''),
    );
    table(
      'Độ chính xác nhập liệu theo người nhập',
      head('Người nhập', 'Số phiếu', 'Số ô', 'Số ô phải sửa', 'Số ô sửa / 1.000 ô', 'Tỷ lệ đúng (%)'),
      [...keyers, t].map((r) => {
        const bold = r === t;
        return [
          cell(r === machine ? MACHINE_KEYER_NAME : r.keyer, 'left', bold),
          cell(int(r.forms), 'right', bold),
          cell(int(r.cells), 'right', bold),
          cell(int(r.changed), 'right', bold),
          cell(numberVi(r.changedPerThousand, 2), 'right', bold),
          cell(numberVi(r.accuracyPercent, 2), 'right', bold),
        ];
      }),
      [30, 12, 14, 14, 15, 15],
    );
  }
}

/** "Sở, ban, ngành" → "sở, ban, ngành" inside a sentence; "UBND cấp huyện" keeps its capitals. */
function lowerFirst(text: string): string {
  return /^\p{Lu}\p{Ll}/u.test(text) ? text[0].toLocaleLowerCase('vi') + text.slice(1) : text;
}

/** The subject line: «Kết quả điều tra xã hội học» and the campaign's name, without saying "điều tra xã hội học" twice. */
export function subjectOf(name: string): string {
  const rest = name.trim().replace(/^điều tra xã hội học\s*/iu, '');
  return `Kết quả điều tra xã hội học ${rest}`.trim();
}

/** A change with its sign ("+0,75", "-1,20", "0,00"), as a reader expects beside earlier and later figures. */
function signed(x: number | null, decimals: number): string {
  const text = numberVi(x, decimals);
  return x !== null && x > 0 && text !== numberVi(0, decimals) ? `+${text}` : text;
}

/** The annex: the scoring formula (domain.md §8) and every setting of the campaign, as the console's definition page words them. */
function annex(x: Context): void {
  const { c, a, table, heading, para } = x;
  const s = c.scoring;
  const view = campaignDefinitionView(c);
  x.blocks.push({ kind: 'heading', level: 1, text: 'PHỤ LỤC', center: true });
  heading(2, '1. Công thức tính điểm');
  para(
    'Chỉ tính các phiếu hợp lệ: phiếu trực tuyến đã gửi, phiếu giấy đã nhập và đối chiếu xong, không bị đánh dấu không hợp lệ. ' +
      'Mỗi phương án trả lời mang một tỷ lệ điểm f (Phụ lục 2.4); câu trả lời «Không biết», ô để trống và ô hỏng không có tỷ lệ điểm và không được tính.',
  );
  para(
    `Với đơn vị u, tiêu chí c và nhóm đối tượng g: F[g, c, u] là bình quân f của các câu trả lời của nhóm g cho các câu hỏi thuộc tiêu chí c về đơn vị u, ` +
      `được tính khi có ít nhất ${s.minValid} câu trả lời có điểm.`,
  );
  para(
    s.combine === 'pooled'
      ? 'Tỷ lệ đạt F[c, u] là bình quân chung f của mọi câu trả lời của mọi nhóm cho tiêu chí c về đơn vị u (không dùng trọng số).'
      : 'Tỷ lệ đạt F[c, u] = Σ w_g × F[g, c, u] / Σ w_g, lấy tổng trên các nhóm có F[g, c, u]; w_g là trọng số của nhóm (Bảng nhóm đối tượng, mục I).',
  );
  para(
    `Điểm tiêu chí = điểm tối đa của tiêu chí × F[c, u], làm tròn ${s.decimals} chữ số thập phân (nửa xa số 0, tính theo số thập phân). ` +
      `Ô không có F[c, u] là ô chưa có dữ liệu: ${noDataName(s.noData)}. Ô có nhóm được tính với ít hơn ${s.warnBelow} câu trả lời được ghi «ít câu trả lời».`,
  );
  para(
    'Điểm điều tra xã hội học của đơn vị là tổng điểm các tiêu chí đã làm tròn; điểm tối đa là tổng điểm tối đa các tiêu chí. ' +
      'Xếp hạng trong từng cấp theo điểm giảm dần, các đơn vị bằng điểm cùng hạng (1, 2, 2, 4). ' +
      'Khi có điểm tự đánh giá: tổng điểm = điểm tự đánh giá + điểm điều tra xã hội học; tỷ lệ = 100 × tổng điểm / tổng điểm tối đa; ' +
      'xếp loại theo mức tỷ lệ cao nhất đạt được (Phụ lục 2.3).',
  );
  heading(2, '2. Thiết lập của đợt điều tra');
  heading(3, '2.1. Thông tin chung và cách tính điểm');
  const analysisSettings = [
    { name: 'Số lần lấy mẫu lặp (bootstrap)', value: numberVi(a.bootstrap.replicates, 0) },
    { name: 'Số khởi tạo ngẫu nhiên', value: String(a.bootstrap.seed) },
    { name: 'Phiếu trả lời một kiểu: số ô tối thiểu', value: numberVi(STRAIGHT_LINE_MIN_CELLS, 0) },
    { name: 'Đơn vị nhiều «Không biết»: từ', value: `${numberVi(DONT_KNOW_FLAG_PERCENT, 0)} %` },
    { name: 'Khoảng tin cậy rộng: hơn', value: `${numberVi(100 * WIDE_INTERVAL_SHARE, 0)} % điểm tối đa` },
  ];
  table(
    'Thiết lập của đợt điều tra',
    head('Thiết lập', 'Giá trị'),
    [...view.settings, ...view.scoring, ...analysisSettings].map((x) => [cell(x.name), cell(x.value)]),
    [60, 40],
  );
  heading(3, '2.2. Tiêu chí và điểm tối đa');
  table(
    'Tiêu chí đánh giá qua điều tra xã hội học',
    head('Mã', 'Tiêu chí', 'Điểm tối đa', 'Câu hỏi'),
    view.levels.flatMap((l) => [
      // The level's row spans the code and name columns: in the narrow code column its name would wrap line by line.
      ...(l.criteria.length ? [[{ ...cell(l.name, 'left', true), span: 2 }, cell(l.maxTotal, 'right', true), cell('')]] : []),
      ...l.criteria.map((x) => [cell(x.code, 'center'), cell(x.name), num(x.maxPoints), cell(x.questions)]),
    ]),
    [10, 50, 12, 28],
  );
  heading(3, '2.3. Xếp loại');
  if (view.bands.length === 0) para('Đợt điều tra không quy định mức xếp loại.');
  table(
    'Mức xếp loại theo tỷ lệ tổng điểm',
    head('Xếp loại', 'Tỷ lệ từ'),
    view.bands.map((b) => [cell(b.label), num(b.minPercent)]),
    [60, 40],
  );
  heading(3, '2.4. Phương án trả lời');
  table(
    'Bộ phương án trả lời và tỷ lệ điểm',
    head('Bộ phương án', 'Mã', 'Phương án', 'Tỷ lệ điểm'),
    view.optionSets.flatMap((o) => o.options.map((x) => [cell(o.code, 'center'), cell(x.code, 'center'), cell(x.label), num(x.fraction)])),
    [20, 10, 45, 25],
  );
  heading(3, '2.5. Mẫu phiếu');
  table(
    'Mẫu phiếu và số câu hỏi',
    head('Mẫu phiếu', 'Tên phiếu', 'Đơn vị được đánh giá', 'Bộ phương án', 'Số câu hỏi'),
    view.forms.map((f) => [cell(f.code, 'center'), cell(f.title), cell(f.level), cell(f.optionSet, 'center'), num(numberVi(f.questions.length, 0))]),
    [12, 46, 18, 12, 12],
  );
}
