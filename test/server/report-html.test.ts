/** The report's HTML renderer: ND30 page set-up, the closing before the annex, repeated table heads, and names from a campaign file escaped everywhere, charts included. */
import { describe, expect, it } from 'vitest';
import { reportHtml } from '../../server/render/report-html';
import { intervalChart } from '../../surveys/charts';
import type { ReportDocument } from '../../surveys/report/document';

const HOSTILE = 'Sở <script>alert(1)</script> & "Bình"';

const doc: ReportDocument = {
  heading: {
    parent: 'UBND TỈNH LAI CHÂU',
    body: 'SỞ NỘI VỤ',
    number: 'Số:      /BC-SNV',
    placeDate: 'Lai Châu, ngày 29 tháng 11 năm 2026',
    title: 'BÁO CÁO',
    subject: HOSTILE,
  },
  blocks: [
    { kind: 'heading', level: 1, text: 'I. MỤC ĐÍCH' },
    { kind: 'paragraph', text: HOSTILE },
    {
      kind: 'table',
      caption: 'Bảng 1. Điểm',
      head: [[{ text: 'Đơn vị' }, { text: 'Điểm' }]],
      rows: [[{ text: HOSTILE }, { text: '2,25', align: 'right' }]],
      widths: [3, 1],
    },
    {
      kind: 'chart',
      caption: 'Biểu đồ 1. Điểm',
      svg: intervalChart({ title: 'T', rows: [{ label: HOSTILE, value: 2, low: 1, high: 3 }], scaleMax: 4, decimals: 2 }),
      width: 165,
      height: 20,
    },
    { kind: 'page-break' },
    { kind: 'heading', level: 1, text: 'PHỤ LỤC' },
  ],
  recipients: ['UBND tỉnh Lai Châu (b/c);'],
  signer: 'GIÁM ĐỐC',
  name: 'Báo cáo',
  annexFrom: 4,
};

describe('report HTML', () => {
  const html = reportHtml(doc);
  it('sets A4 with the margins of Nghị định 30/2020 and embeds its serif', () => {
    expect(html).toContain('@page { size: A4 portrait; margin: 20mm 15mm 20mm 30mm;');
    expect(html).toMatch(/@font-face \{ font-family: "Noto Serif"; font-style: italic; font-weight: 700;/);
    expect(html).toContain('thead { display: table-header-group; }');
  });
  it('escapes names from the campaign in text, tables and charts', () => {
    expect(html).not.toContain('<script>');
    expect(html.match(/&lt;script&gt;/g)?.length).toBeGreaterThanOrEqual(4);
    expect(html).toContain('<col style="width:75%"><col style="width:25%">');
  });
  it('closes with the recipients and the signer before the annex', () => {
    const closing = html.indexOf('<section class="closing">');
    expect(closing).toBeGreaterThan(html.indexOf('<figure>'));
    expect(closing).toBeLessThan(html.indexOf('<div class="pagebreak">'));
    expect(html.indexOf('<div class="pagebreak">')).toBeLessThan(html.indexOf('<h2>PHỤ LỤC</h2>'));
    // Without annexFrom, the closing ends the document.
    const plain = reportHtml({ ...doc, annexFrom: undefined });
    expect(plain.indexOf('<section class="closing">')).toBeGreaterThan(plain.indexOf('<h2>PHỤ LỤC</h2>'));
  });
  it('centres the annex title, spans group rows and keeps a table from starting at the foot of a page (issue 14, finding 13)', () => {
    const rows = Array.from({ length: 20 }, (_, i) => [{ text: `C${i}` }, { text: 'Tiêu chí' }]);
    const annexed = reportHtml({
      ...doc,
      blocks: [
        {
          kind: 'table',
          caption: 'Bảng 1. Ngắn',
          head: [[{ text: 'Mã' }, { text: 'Tiêu chí' }]],
          rows: [[{ text: 'Sở, ban, ngành', align: 'left', bold: true, span: 2 }]],
          widths: [1, 4],
        },
        { kind: 'table', caption: 'Bảng 2. Dài', head: [[{ text: 'Mã' }, { text: 'Tiêu chí' }]], rows, widths: [1, 4] },
        { kind: 'heading', level: 1, text: 'PHỤ LỤC', center: true },
      ],
      annexFrom: undefined,
    });
    expect(annexed).toContain('<h2 class="center">PHỤ LỤC</h2>');
    expect(annexed).toContain('h2.center { text-align: center; }');
    expect(annexed).toContain('<td colspan="2" class="left bold">Sở, ban, ngành</td>');
    // The short table moves whole; the long one keeps its first three rows with its caption and head.
    expect(annexed).toContain('<div class="tablewrap short"><div class="caption">Bảng 1. Ngắn</div>');
    expect(annexed).toContain('<div class="tablewrap"><div class="caption">Bảng 2. Dài</div>');
    expect(annexed.match(/<tr class="lead">/g)).toHaveLength(3 + 1);
    expect(annexed).toContain('.tablewrap.short { break-inside: avoid; }');
    expect(annexed).toContain('tr.lead { break-before: avoid; }');
  });
});
