/** The SVG bar chart: built from numbers, labels XML-escaped, bars scaled and flagged. */
import { describe, expect, it } from 'vitest';
import { barChart, escapeXml } from '../../surveys/charts';

describe('barChart', () => {
  it('escapes labels from campaign files and draws one bar per value', () => {
    const svg = barChart({
      title: 'Điểm <thử>',
      bars: [
        { label: 'Sở "A" & <script>alert(1)</script>', value: 1.5, suffix: ' / 3,00' },
        { label: 'Sở Bình', value: 0.675, flag: true },
        { label: 'Sở Chưa có', value: null },
      ],
      scaleMax: 3,
      decimals: 2,
    });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('Sở &quot;A&quot; &amp; &lt;script&gt;');
    expect(svg.match(/<rect /g)).toHaveLength(3);
    expect(svg).toContain('1,50 / 3,00'); // decimal comma in the text people read
    expect(svg).toContain('0,68'); // decimal rounding, not float
    expect(svg).toContain('class="bar flag"');
    expect(svg).toContain('>—<');
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
  });

  it('drops characters XML cannot hold', () => {
    expect(escapeXml('a\u0001b<')).toBe('ab&lt;');
  });
});
