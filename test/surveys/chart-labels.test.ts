/** Row labels of the console's charts: long Vietnamese names take two lines instead of being cut, and each label's tooltip is the full name. */
import { describe, expect, it } from 'vitest';
import { barChart, intervalChart, rowLabel, stackedChart, twoLines } from '../../surveys/charts';

const SHORT = 'Sở Nội vụ'; // 9 characters
const GROUP = 'CT02-CC — Công chức phòng chuyên môn các sở, ban, ngành tỉnh'; // 60: cut at 45 + "…" before
const UNIT = 'Ban Quản lý Khu kinh tế cửa khẩu Ma Lù Thàng, tỉnh Lai Châu'; // 59

/** The text a label shows, its lines joined by a space, without its tooltip. */
const shown = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>(?:<title>[^<]*<\/title>)?((?:<tspan[^>]*>[^<]*<\/tspan>)+|[^<]*)<\/text>/g)].map((m) =>
    m[1].replace(/<tspan[^>]*>([^<]*)<\/tspan>/g, '$1 ').trim(),
  );

describe('row labels', () => {
  it('keeps a short label on one 12 px line, with its name as tooltip', () => {
    expect(rowLabel(SHORT, 0)).toBe('<text x="322" y="15.0" text-anchor="end" font-size="12"><title>Sở Nội vụ</title>Sở Nội vụ</text>');
  });

  it('breaks a long one at the space that balances two 10 px lines, whole', () => {
    // 60 characters: the break after «chuyên» leaves 32 + 27, the most even split of the words.
    expect(twoLines(GROUP, 55)).toEqual(['CT02-CC — Công chức phòng chuyên', 'môn các sở, ban, ngành tỉnh']);
    expect(rowLabel(GROUP, 22)).toContain('font-size="10"');
    expect(shown(rowLabel(GROUP, 22))).toEqual([GROUP]);
  });

  it('cuts only past two lines, and the tooltip still holds the whole name', () => {
    const long = `${GROUP}, ${GROUP}`; // 122 characters
    const svg = rowLabel(long, 0);
    expect(shown(svg)[0]).toMatch(/…$/);
    expect(svg).toContain(`<title>${long}</title>`);
    // One word longer than a line: cut on the first line.
    expect(twoLines('x'.repeat(60), 55)).toEqual([`${'x'.repeat(54)}…`, '']);
  });

  it('escapes names from campaign files', () => {
    expect(rowLabel('Phòng <b>A</b> & "B"', 0)).toContain('<title>Phòng &lt;b&gt;A&lt;/b&gt; &amp; &quot;B&quot;</title>');
  });

  it('draws the labels of bar, interval and stacked charts whole (they were cut with "…" at 46 characters even at 1280 px)', () => {
    const charts = [
      barChart({
        title: 'Tiến độ',
        bars: [
          { label: GROUP, value: 1 },
          { label: UNIT, value: 2 },
        ],
        scaleMax: 2,
        decimals: 0,
      }),
      intervalChart({
        title: 'Điểm',
        rows: [
          { label: GROUP, value: 1, low: 0, high: 2 },
          { label: UNIT, value: 1, low: 0, high: 2 },
        ],
        scaleMax: 2,
        decimals: 1,
      }),
      stackedChart({
        title: 'Phân bố',
        legend: ['Tốt'],
        rows: [
          { label: GROUP, parts: [100] },
          { label: UNIT, parts: [100] },
        ],
      }),
    ];
    for (const svg of charts) {
      expect(svg).not.toContain('…');
      expect(shown(svg)).toEqual(expect.arrayContaining([GROUP, UNIT]));
      expect(svg).toContain(`<title>${UNIT}</title>`);
    }
  });
});
