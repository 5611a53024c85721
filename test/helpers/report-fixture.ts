/** A realistic results report as the shared document model (Lai Châu 2020: 20 departments ranked, a unit × criterion table, real charts, long Vietnamese text, every block kind), for the report renderers' tests and timings. */
import { intervalChart, stackedChart } from '../../surveys/charts';
import { numberVi } from '../../surveys/format-vi';
import type { ReportBlock, ReportCell, ReportDocument } from '../../surveys/report/document';

/** The sample campaign's departments (surveys/samples/lai-chau-2020.json); the last one's name carries «&» and «<» to test escaping. */
export const DEPARTMENTS = [
  'Sở Nội vụ',
  'Sở Tài chính',
  'Sở Kế hoạch và Đầu tư',
  'Sở Tư pháp',
  'Văn phòng UBND tỉnh',
  'Sở Công Thương',
  'Sở Xây dựng',
  'Sở Giao thông vận tải',
  'Sở Tài nguyên và Môi trường',
  'Sở Nông nghiệp và Phát triển nông thôn',
  'Sở Giáo dục và Đào tạo',
  'Sở Y tế',
  'Sở Lao động - Thương binh và Xã hội',
  'Sở Văn hóa, Thể thao và Du lịch',
  'Sở Khoa học và Công nghệ',
  'Sở Thông tin và Truyền thông',
  'Thanh tra tỉnh',
  'Ban Dân tộc',
  'Sở Ngoại vụ',
  'Ban Quản lý Khu kinh tế & Khu công nghiệp <Ma Lù Thàng>',
];

/** The sample's department criteria and their maxima, in hundredths of a point (they add up to 22.50). */
const CRITERIA = [
  { code: 'S1.3', max: 250 },
  { code: 'S1.4', max: 125 },
  { code: 'S2.3', max: 250 },
  { code: 'S2.4', max: 200 },
  { code: 'S3.3', max: 300 },
  { code: 'S4.2', max: 200 },
  { code: 'S5.3', max: 300 },
  { code: 'S5.4', max: 175 },
  { code: 'S6.2', max: 200 },
  { code: 'S7.3', max: 250 },
];

const GROUPS = [
  { name: 'Đại biểu HĐND tỉnh', issued: 28, paper: 19, web: 4, valid: 22 },
  { name: 'Lãnh đạo UBND các huyện, thành phố', issued: 18, paper: 12, web: 5, valid: 16 },
  { name: 'Công chức phòng chuyên môn các sở, ban, ngành tỉnh', issued: 330, paper: 241, web: 52, valid: 287 },
  { name: 'Lãnh đạo phòng chuyên môn cấp huyện', issued: 212, paper: 160, web: 31, valid: 186 },
  { name: 'Đại biểu HĐND huyện, thành phố', issued: 132, paper: 101, web: 12, valid: 110 },
  { name: 'Lãnh đạo các sở, ban, ngành tỉnh', issued: 44, paper: 30, web: 9, valid: 38 },
  { name: 'Công chức các phòng chuyên môn thuộc UBND huyện, thành phố', issued: 317, paper: 240, web: 45, valid: 279 },
  { name: 'Lãnh đạo UBND cấp xã', issued: 234, paper: 188, web: 11, valid: 196 },
];

export const LONG_PARAGRAPH =
  'Thực hiện Kế hoạch cải cách hành chính nhà nước năm 2020 của UBND tỉnh, Sở Nội vụ đã phối hợp với Bưu điện tỉnh ' +
  'tổ chức điều tra xã hội học để xác định Chỉ số cải cách hành chính của các sở, ban, ngành tỉnh và UBND các huyện, ' +
  'thành phố. Phiếu điều tra được gửi tới đại biểu Hội đồng nhân dân, lãnh đạo các cơ quan, đơn vị, công chức các ' +
  'phòng chuyên môn và lãnh đạo UBND cấp xã; người trả lời không ghi họ tên, phiếu được đánh số để theo dõi việc phát ' +
  'ra, thu về và nhập liệu hai lần độc lập. Kết quả điều tra phản ánh khách quan, trung thực sự đánh giá của những ' +
  'người trực tiếp làm việc với từng cơ quan, đơn vị về các lĩnh vực: chỉ đạo, điều hành cải cách hành chính; xây dựng ' +
  'và tổ chức thực hiện văn bản quy phạm pháp luật; thủ tục hành chính; tổ chức bộ máy; công chức; tài chính công và ' +
  'chính quyền số.';

/** A small generator with a seed, so the fixture's numbers are the same in every run. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * SVG units across a chart: 640 units on 160 mm print the charts' 12-unit labels at about 8.5 pt (the charts'
 * default 960 would print them at 5.7 pt).
 */
const CHART_WIDTH = 640;

const num = (hundredths: number) => numberVi(hundredths / 100, 2);
const right = (text: string, bold?: boolean): ReportCell => ({ text, align: 'right', bold });
const centre = (text: string): ReportCell => ({ text, align: 'center' });

type Unit = { name: string; byCriterion: number[]; survey: number; low: number; high: number; self: number };

/**
 * The report of `units` departments (the sample's 20 by default, numbered test units beyond them) with `extraCharts`
 * more interval charts appended, for timing a large document. Every number is in hundredths of a point so that the
 * totals printed equal the sums of the parts printed.
 */
export function buildReportFixture(opts: { units?: number; extraCharts?: number } = {}): ReportDocument {
  const count = opts.units ?? DEPARTMENTS.length;
  const rnd = seeded(2020);
  const units: Unit[] = Array.from({ length: count }, (_, i) => {
    const byCriterion = CRITERIA.map((c) => Math.round(c.max * (0.55 + 0.4 * rnd())));
    const survey = byCriterion.reduce((a, b) => a + b, 0);
    const half = 40 + Math.round(rnd() * 90);
    return {
      name: DEPARTMENTS[i] ?? `Đơn vị thử nghiệm số ${i + 1}`,
      byCriterion,
      survey,
      low: survey - half,
      high: Math.min(2250, survey + half),
      self: 5500 + Math.round(rnd() * 2000),
    };
  });
  const ranked = [...units].sort((a, b) => b.survey - a.survey);
  const rankOf = (u: Unit) => 1 + ranked.filter((v) => v.survey > u.survey).length;
  const band = (percent: number) => (percent >= 8000 ? 'Tốt' : percent >= 6500 ? 'Khá' : percent >= 5000 ? 'Trung bình' : 'Yếu');

  const totals = GROUPS.reduce((t, g) => ({ issued: t.issued + g.issued, paper: t.paper + g.paper, web: t.web + g.web, valid: t.valid + g.valid }), {
    issued: 0,
    paper: 0,
    web: 0,
    valid: 0,
  });
  const rate = (valid: number, issued: number) => numberVi((100 * valid) / issued, 1);

  const distribution = stackedChart({
    width: CHART_WIDTH,
    title: 'Phân bố câu trả lời phiếu CT-01',
    legend: ['Rất tốt', 'Tốt', 'Trung bình', 'Kém', 'Không biết', 'Để trống', 'Không hợp lệ'],
    rows: CRITERIA.map((c, i) => {
      const parts = [30 + i, 35 - i, 15, 6, 8, 4];
      return { label: `Câu ${i + 1} (${c.code}): mức độ hài lòng về chất lượng phục vụ`, parts: [...parts, 100 - parts.reduce((a, b) => a + b, 0)] };
    }),
  });
  const interval = (rows: Unit[], title: string) =>
    intervalChart({
      title,
      rows: rows.map((u) => ({ label: u.name, value: u.survey / 100, low: u.low / 100, high: u.high / 100 })),
      scaleMax: 22.5,
      decimals: 2,
      width: CHART_WIDTH,
    });
  const chartMm = (svg: string) => {
    // 160 mm wide, the height following the viewBox so that nothing is stretched.
    const m = /viewBox="0 0 (\d+) (\d+)"/.exec(svg)!;
    return { width: 160, height: Math.round((160 * Number(m[2])) / Number(m[1])) };
  };
  const ranking = interval(ranked, 'Điểm điều tra xã hội học các sở, ban, ngành');

  const blocks: ReportBlock[] = [
    { kind: 'heading', level: 1, text: 'I. MỤC ĐÍCH, PHƯƠNG PHÁP VÀ MẪU KHẢO SÁT' },
    { kind: 'heading', level: 2, text: '1. Mục đích, yêu cầu' },
    { kind: 'paragraph', text: LONG_PARAGRAPH },
    {
      kind: 'paragraph',
      text:
        'Việc điều tra bảo đảm khách quan, khoa học, đúng đối tượng; số liệu được nhập, đối chiếu và tính điểm bằng phần mềm, ' +
        'mọi con số trong báo cáo này đều truy được về từng phiếu đã lưu. Điểm của mỗi tiêu chí được tính bằng trung bình có ' +
        'trọng số bằng nhau giữa các nhóm đối tượng, làm tròn đến hai chữ số thập phân.',
    },
    { kind: 'heading', level: 2, text: '2. Phương pháp, đối tượng và mẫu khảo sát' },
    {
      kind: 'table',
      caption: 'Bảng 1. Số phiếu phát ra, thu về và hợp lệ theo nhóm đối tượng',
      head: [['STT', 'Nhóm đối tượng', 'Phát ra', 'Thu về (giấy)', 'Thu về (trực tuyến)', 'Hợp lệ', 'Tỷ lệ phản hồi (%)'].map(centre)],
      rows: [
        ...GROUPS.map((g, i) => [
          centre(String(i + 1)),
          { text: g.name },
          right(numberVi(g.issued)),
          right(numberVi(g.paper)),
          right(numberVi(g.web)),
          right(numberVi(g.valid)),
          right(rate(g.valid, g.issued)),
        ]),
        [
          centre(''),
          { text: 'Tổng cộng', bold: true },
          right(numberVi(totals.issued), true),
          right(numberVi(totals.paper), true),
          right(numberVi(totals.web), true),
          right(numberVi(totals.valid), true),
          right(rate(totals.valid, totals.issued), true),
        ],
      ],
      widths: [6, 40, 11, 11, 11, 10, 11],
      note: 'Ghi chú: tỷ lệ phản hồi = số phiếu hợp lệ / số phiếu phát ra; phiếu không hợp lệ gồm phiếu trùng, phiếu gửi sau hạn và phiếu bỏ trống quá một nửa số ô.',
    },
    { kind: 'chart', caption: 'Biểu đồ 1. Phân bố câu trả lời của đại biểu HĐND tỉnh (phiếu CT-01)', svg: distribution, ...chartMm(distribution) },
    { kind: 'page-break' },
    { kind: 'heading', level: 1, text: 'II. KẾT QUẢ ĐIỀU TRA XÃ HỘI HỌC' },
    { kind: 'heading', level: 2, text: '1. Các sở, ban, ngành tỉnh' },
    { kind: 'heading', level: 3, text: 'a) Điểm điều tra xã hội học và xếp hạng' },
    {
      kind: 'paragraph',
      text:
        `Điểm điều tra xã hội học bình quân của ${numberVi(count)} sở, ban, ngành đạt ` +
        `${num(Math.round(units.reduce((a, u) => a + u.survey, 0) / count))}/22,50 điểm; đơn vị cao nhất là ${ranked[0].name} ` +
        `(${num(ranked[0].survey)} điểm), thấp nhất là ${ranked[ranked.length - 1].name} (${num(ranked[ranked.length - 1].survey)} điểm).`,
    },
    {
      kind: 'table',
      caption: 'Bảng 2. Điểm điều tra xã hội học và xếp hạng các sở, ban, ngành',
      head: [
        ['Hạng', 'Đơn vị', 'Điểm ĐTXHH', 'Tối đa', 'Khoảng tin cậy 95 %', 'Tự đánh giá', 'Tổng điểm', 'Tỷ lệ (%)', 'Xếp loại'].map(centre),
        ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7) = (3) + (6)', '(8)', '(9)'].map(centre),
      ],
      rows: ranked.map((u) => {
        const total = u.survey + u.self;
        return [
          centre(String(rankOf(u))),
          { text: u.name },
          right(num(u.survey)),
          right('22,50'),
          centre(`${num(u.low)} – ${num(u.high)}`),
          right(num(u.self)),
          right(num(total)),
          right(num(total)),
          centre(band(total)),
        ];
      }),
      widths: [6, 30, 9, 8, 14, 9, 9, 8, 9],
      note: 'Ghi chú: khoảng tin cậy 95 % tính bằng phương pháp bootstrap (1.000 lần lấy mẫu lại theo từng phiếu, số khởi tạo ngẫu nhiên 2020).',
    },
    { kind: 'chart', caption: 'Biểu đồ 2. Điểm điều tra xã hội học và khoảng tin cậy 95 % của các sở, ban, ngành', svg: ranking, ...chartMm(ranking) },
    { kind: 'heading', level: 3, text: 'b) Điểm theo từng tiêu chí' },
    {
      kind: 'table',
      caption: 'Bảng 3. Điểm điều tra xã hội học của các sở, ban, ngành theo tiêu chí',
      head: [
        ['STT', 'Đơn vị', ...CRITERIA.map((c) => c.code), 'Tổng'].map(centre),
        ['', 'Điểm tối đa', ...CRITERIA.map((c) => num(c.max)), '22,50'].map(centre),
      ],
      rows: units.map((u, i) => [centre(String(i + 1)), { text: u.name }, ...u.byCriterion.map((p) => right(num(p))), right(num(u.survey), true)]),
      widths: [4, 24, ...CRITERIA.map(() => 6), 7],
    },
    { kind: 'heading', level: 3, text: 'c) Những nội dung được đánh giá thấp nhất và cao nhất' },
    {
      kind: 'paragraph',
      text:
        'Nội dung «Ứng dụng công nghệ thông tin, dịch vụ công trực tuyến và văn bản điện tử» có tỷ lệ đánh giá «Rất tốt» và «Tốt» ' +
        'thấp nhất (58,3 %); nội dung «Thực hiện quy chế làm việc, kỷ luật, kỷ cương hành chính» cao nhất (86,1 %).',
    },
    { kind: 'heading', level: 1, text: 'III. CHẤT LƯỢNG DỮ LIỆU VÀ HẠN CHẾ' },
    {
      kind: 'paragraph',
      text:
        'Có 14 phiếu trả lời cùng một mức cho mọi ô (trả lời theo một khuôn), chiếm 1,2 % số phiếu hợp lệ; các phiếu này được đánh dấu ' +
        'để theo dõi, không bị loại khỏi kết quả. Ba đơn vị có trên 30 % người trả lời chọn «Không biết» ở tiêu chí về tài chính công.',
    },
    { kind: 'paragraph', italic: true, text: 'Những ô có ít hơn 5 câu trả lời của một nhóm đối tượng được ghi chú LOW_N trong bảng điểm.' },
    { kind: 'page-break' },
    { kind: 'heading', level: 1, text: 'PHỤ LỤC: CÔNG THỨC TÍNH ĐIỂM VÀ THIẾT LẬP CỦA ĐỢT ĐIỀU TRA' },
    {
      kind: 'table',
      caption: 'Bảng 4. Thiết lập của đợt điều tra LCU-2020',
      head: [[centre('Thiết lập'), centre('Giá trị')]],
      rows: [
        [{ text: 'Cách kết hợp các nhóm' }, { text: 'Trọng số bằng nhau giữa các nhóm (group-equal)' }],
        [{ text: 'Số câu trả lời tối thiểu' }, right('1')],
        [{ text: 'Cảnh báo khi ít hơn' }, right('5')],
        [{ text: 'Tỷ lệ ô trống tối đa' }, right('50 %')],
        [{ text: 'Số chữ số thập phân' }, right('2')],
      ],
      widths: [1, 1],
    },
  ];
  for (let k = 0; k < (opts.extraCharts ?? 0); k++) {
    const part = ranked.slice(0, 20);
    const svg = interval(part, `Điểm điều tra xã hội học, nhóm ${k + 1}`);
    blocks.push({ kind: 'chart', caption: `Biểu đồ ${k + 3}. Điểm và khoảng tin cậy, nhóm ${k + 1}`, svg, ...chartMm(svg) });
  }

  return {
    heading: {
      parent: 'UBND TỈNH LAI CHÂU',
      body: 'SỞ NỘI VỤ',
      number: 'Số:      /BC-SNV',
      placeDate: 'Lai Châu, ngày 15 tháng 12 năm 2020',
      title: 'BÁO CÁO',
      subject: 'Kết quả điều tra xã hội học xác định Chỉ số cải cách hành chính năm 2020',
    },
    blocks,
    recipients: ['UBND tỉnh (b/c)', 'Hội đồng thẩm định Chỉ số CCHC tỉnh', 'Các sở, ban, ngành tỉnh', 'UBND các huyện, thành phố', 'Lưu: VT, CCHC'],
    signer: 'GIÁM ĐỐC',
    name: 'Báo cáo kết quả điều tra xã hội học LCU-2020',
  };
}

/** The sample report: 20 departments, two charts. */
export const REPORT_FIXTURE = buildReportFixture();
