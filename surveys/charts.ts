/** Horizontal bar charts as SVG strings built from numbers; every label is XML-escaped because names come from campaign files. */
import { formatFixed } from './decimal';
import { numberVi } from './format-vi';

export type Bar = {
  label: string;
  value: number | null;
  /** Shown after the value, e.g. "/ 22.50" or "%". */
  suffix?: string;
  /** Drawn in the warning colour (a short quota, a thin score). */
  flag?: boolean;
};

export type BarChartOptions = {
  title: string;
  bars: Bar[];
  /** The value a full-width bar stands for (at least the largest value). */
  scaleMax: number;
  decimals: number;
  /** A vertical guide line, e.g. 100 % of target. */
  guide?: number;
  width?: number;
};

const XML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(s: string): string {
  // Control characters other than tab and line ends are not allowed in XML at all.
  return s.replace(/[&<>"']/g, (ch) => XML[ch]).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
}

const LABEL_W = 330;
const VALUE_W = 110;
const ROW_H = 22;
const TOP = 8;

/** Long unit names are cut so that the bar area keeps its width; the full name stays in the tooltip. */
function cut(label: string, max = 46): string {
  const chars = [...label];
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : label;
}

const n = (x: number) => formatFixed(x, 1);

export function barChart(o: BarChartOptions): string {
  const width = o.width ?? 960;
  const barW = width - LABEL_W - VALUE_W;
  const scale = o.scaleMax > 0 ? o.scaleMax : 1;
  const height = TOP * 2 + Math.max(1, o.bars.length) * ROW_H;
  const rows = o.bars.map((b, i) => {
    const y = TOP + i * ROW_H;
    const w = b.value === null ? 0 : Math.max(0, Math.min(1, b.value / scale)) * barW;
    // The value people read has a decimal comma; coordinates above stay SVG numbers with a point.
    const value = b.value === null ? '—' : numberVi(b.value, o.decimals);
    const text = `${value}${b.suffix ?? ''}`;
    return (
      `<g class="bar${b.flag ? ' flag' : ''}"><title>${escapeXml(`${b.label}: ${text}`)}</title>` +
      `<text x="${LABEL_W - 8}" y="${n(y + 15)}" text-anchor="end" font-size="12">${escapeXml(cut(b.label))}</text>` +
      `<rect x="${LABEL_W}" y="${n(y + 3)}" width="${n(w)}" height="${ROW_H - 6}" fill="${b.flag ? '#c77700' : '#2b6cb0'}"/>` +
      `<text x="${n(LABEL_W + w + 6)}" y="${n(y + 15)}" font-size="12">${escapeXml(text)}</text></g>`
    );
  });
  const guide =
    o.guide !== undefined && o.guide > 0 && o.guide <= scale
      ? `<line x1="${n(LABEL_W + (o.guide / scale) * barW)}" x2="${n(LABEL_W + (o.guide / scale) * barW)}" y1="2" y2="${height - 2}" stroke="#b3261e" stroke-dasharray="4 3"/>`
      : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="${escapeXml(o.title)}" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px" font-family="Noto Sans, Segoe UI, Arial, sans-serif">` +
    `<title>${escapeXml(o.title)}</title>` +
    `<line x1="${LABEL_W}" x2="${LABEL_W}" y1="2" y2="${height - 2}" stroke="#8593a3"/>` +
    rows.join('') +
    guide +
    `</svg>`
  );
}
