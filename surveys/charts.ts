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

/** Characters of Noto Sans that fit the 322 px before the axis: one line at 12 px, or each of two lines at 10 px. */
const LINE_CHARS = 46;
const SMALL_LINE_CHARS = 55;

/**
 * A row's label, right-aligned before the axis. Names of groups and units run long («CT02-CC — Công chức phòng
 * chuyên môn các sở, ban, ngành tỉnh», 60 characters, was cut at 45 even at 1280 px): one that does not fit one line
 * takes two smaller lines broken at the space that balances them, so a label is cut ("…") only beyond about 110
 * characters. The full name is the label's own tooltip.
 */
export function rowLabel(label: string, y: number): string {
  const x = LABEL_W - 8;
  const title = `<title>${escapeXml(label)}</title>`;
  if ([...label].length <= LINE_CHARS) return `<text x="${x}" y="${n(y + 15)}" text-anchor="end" font-size="12">${title}${escapeXml(label)}</text>`;
  const [first, second] = twoLines(label, SMALL_LINE_CHARS);
  return (
    `<text x="${x}" y="${n(y + 10)}" text-anchor="end" font-size="10">${title}` +
    `<tspan x="${x}">${escapeXml(first)}</tspan><tspan x="${x}" dy="10">${escapeXml(cut(second, SMALL_LINE_CHARS))}</tspan></text>`
  );
}

/** The break at a space whose longer line is shortest, the first line at most `max` characters (a single long word is cut). */
export function twoLines(label: string, max: number): [string, string] {
  const words = label.split(' ');
  const length = (s: string) => [...s].length;
  let best: [string, string] = [cut(label, max), ''];
  for (let i = 1; i < words.length; i++) {
    const pair: [string, string] = [words.slice(0, i).join(' '), words.slice(i).join(' ')];
    if (length(pair[0]) > max) break;
    if (best[1] === '' || Math.max(...pair.map(length)) < Math.max(...best.map(length))) best = pair;
  }
  return best;
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
      rowLabel(b.label, y) +
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

export type IntervalRow = {
  label: string;
  /** The point estimate, drawn as a dot; null draws nothing but the label. */
  value: number | null;
  low: number | null;
  high: number | null;
  /** Drawn in the warning colour (its order against the unit ranked just above is not clear). */
  flag?: boolean;
};

export type IntervalChartOptions = {
  title: string;
  rows: IntervalRow[];
  scaleMax: number;
  decimals: number;
  width?: number;
  /**
   * Where the scale starts (0 unless given). Given, the chart also draws an axis below the rows with the scale's ends
   * and middle labelled, since a scale that does not start at 0 must say where it starts.
   */
  scaleMin?: number;
};

/** Error bars: for each row a line from `low` to `high` with a dot at the value, on a scale from `scaleMin` (0) to `scaleMax`. */
const POINT_COLOUR = '#2b6cb0';
const FLAG_COLOUR = '#c77700';
/** The interval chart's axis title when it draws an axis (the report's charts). */
export const AXIS_TITLE = 'Điểm khảo sát';

/** A point of the interval chart: a circle, or a diamond where the order against the unit above is unclear. */
function pointMark(cx: number, cy: number, flag: boolean): string {
  if (!flag) return `<circle cx="${n(cx)}" cy="${n(cy)}" r="4" fill="${POINT_COLOUR}"/>`;
  const r = 5.5;
  return `<path d="M${n(cx)} ${n(cy - r)}L${n(cx + r)} ${n(cy)}L${n(cx)} ${n(cy + r)}L${n(cx - r)} ${n(cy)}Z" fill="${FLAG_COLOUR}"/>`;
}

export function intervalChart(o: IntervalChartOptions): string {
  const width = o.width ?? 960;
  const barW = width - LABEL_W - VALUE_W;
  const min = o.scaleMin ?? 0;
  const span = o.scaleMax - min > 0 ? o.scaleMax - min : 1;
  const x = (v: number) => LABEL_W + Math.max(0, Math.min(1, (v - min) / span)) * barW;
  // The axis (ticks, then its title and where the scale starts) and, when some order is unclear, a legend of the two
  // kinds of points, which differ in shape as well as colour so that a black-and-white print tells them apart.
  const axisH = o.scaleMin === undefined ? 0 : 2 * ROW_H;
  const flagged = o.rows.some((r) => r.flag);
  const legendH = flagged ? ROW_H : 0;
  const rowsH = Math.max(1, o.rows.length) * ROW_H;
  const height = TOP * 2 + rowsH + axisH + legendH;
  const rows = o.rows.map((r, i) => {
    const y = TOP + i * ROW_H;
    const colour = r.flag ? FLAG_COLOUR : POINT_COLOUR;
    const text = `${numberVi(r.value, o.decimals)} (${numberVi(r.low, o.decimals)}–${numberVi(r.high, o.decimals)})`;
    const bar =
      r.low === null || r.high === null
        ? ''
        : `<line x1="${n(x(r.low))}" x2="${n(x(r.high))}" y1="${n(y + 11)}" y2="${n(y + 11)}" stroke="${colour}" stroke-width="2"/>` +
          `<line x1="${n(x(r.low))}" x2="${n(x(r.low))}" y1="${n(y + 6)}" y2="${n(y + 16)}" stroke="${colour}"/>` +
          `<line x1="${n(x(r.high))}" x2="${n(x(r.high))}" y1="${n(y + 6)}" y2="${n(y + 16)}" stroke="${colour}"/>`;
    const dot = r.value === null ? '' : pointMark(x(r.value), y + 11, !!r.flag);
    return (
      `<g class="interval${r.flag ? ' flag' : ''}"><title>${escapeXml(`${r.label}: ${text}`)}</title>` +
      rowLabel(r.label, y) +
      bar +
      dot +
      `<text x="${width - VALUE_W + 6}" y="${n(y + 15)}" font-size="12">${escapeXml(numberVi(r.value, o.decimals))}</text></g>`
    );
  });
  let axis = '';
  if (o.scaleMin !== undefined) {
    const y = TOP + rowsH + 4;
    const ticks = [min, min + span / 2, min + span];
    // Whole-number ends label without decimals; a half-way mark between them may need one.
    const tickText = (v: number) => numberVi(v, Number.isInteger(v) ? 0 : 1);
    axis =
      `<g class="axis"><line x1="${LABEL_W}" x2="${LABEL_W + barW}" y1="${y}" y2="${y}" stroke="#8593a3"/>` +
      ticks
        .map(
          (t) =>
            `<line x1="${n(x(t))}" x2="${n(x(t))}" y1="${y}" y2="${y + 4}" stroke="#8593a3"/>` +
            `<text x="${n(x(t))}" y="${y + 16}" text-anchor="middle" font-size="11">${escapeXml(tickText(t))}</text>`,
        )
        .join('') +
      `<text class="axis-title" x="${n(LABEL_W + barW / 2)}" y="${y + 16 + ROW_H}" text-anchor="middle" font-size="12">${escapeXml(
        min > 0 ? `${AXIS_TITLE} (thang điểm bắt đầu từ ${tickText(min)}, không từ 0)` : AXIS_TITLE,
      )}</text>` +
      `</g>`;
  }
  let legend = '';
  if (flagged) {
    const y = TOP + rowsH + axisH + 11;
    legend =
      `<g class="legend">` +
      pointMark(LABEL_W + 6, y, false) +
      `<text x="${LABEL_W + 16}" y="${y + 4}" font-size="12">thứ tự rõ</text>` +
      pointMark(LABEL_W + 106, y, true) +
      `<text x="${LABEL_W + 116}" y="${y + 4}" font-size="12">thứ tự chưa rõ</text>` +
      `</g>`;
  }
  return svgFrame(o.title, width, height, rows.join('') + axis + legend);
}

export type StackedRow = { label: string /** Shares in percent, one per legend entry, in legend order. */; parts: number[] };

export type StackedChartOptions = { title: string; legend: string[]; rows: StackedRow[]; width?: number };

/** Distinguishable on print and for red-green colour blindness (Okabe–Ito), then greys for blank and spoiled. */
const STACK_COLOURS = ['#0072B2', '#56B4E9', '#009E73', '#E69F00', '#D55E00', '#CC79A7', '#F0E442', '#999999', '#cccccc', '#666666'];

/** 100 % stacked bars (one row per label, its shares in legend order) with a legend below. */
export function stackedChart(o: StackedChartOptions): string {
  const width = o.width ?? 960;
  const barW = width - LABEL_W - VALUE_W;
  const colour = (i: number) => STACK_COLOURS[i % STACK_COLOURS.length];
  const legendRows = Math.ceil(o.legend.length / 4);
  const barsH = Math.max(1, o.rows.length) * ROW_H;
  const height = TOP * 2 + barsH + legendRows * ROW_H;
  const rows = o.rows.map((r, i) => {
    const y = TOP + i * ROW_H;
    let at = LABEL_W;
    const parts = r.parts.map((p, j) => {
      const w = (Math.max(0, Math.min(100, p)) / 100) * barW;
      const rect =
        w > 0
          ? `<rect x="${n(at)}" y="${n(y + 3)}" width="${n(w)}" height="${ROW_H - 6}" fill="${colour(j)}"><title>${escapeXml(`${r.label} — ${o.legend[j] ?? ''}: ${numberVi(p, 1)} %`)}</title></rect>`
          : '';
      at += w;
      return rect;
    });
    return `<g class="stack">${rowLabel(r.label, y)}${parts.join('')}</g>`;
  });
  const legend = o.legend.map((name, j) => {
    const lx = LABEL_W + (j % 4) * (barW / 4);
    const ly = TOP + barsH + Math.floor(j / 4) * ROW_H;
    return `<rect x="${n(lx)}" y="${n(ly + 5)}" width="12" height="12" fill="${colour(j)}"/><text x="${n(lx + 16)}" y="${n(ly + 15)}" font-size="12">${escapeXml(cut(name, 18))}</text>`;
  });
  return svgFrame(o.title, width, height, rows.join('') + legend.join(''));
}

/** A chart's drawing size (its viewBox), so that a page can give it a height in proportion to the width it sets. */
export function chartSize(svg: string): { width: number; height: number } {
  const m = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  if (!m) throw new Error('chart without a viewBox');
  return { width: Number(m[1]), height: Number(m[2]) };
}

function svgFrame(title: string, width: number, height: number, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="${escapeXml(title)}" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px" font-family="Noto Sans, Segoe UI, Arial, sans-serif">` +
    `<title>${escapeXml(title)}</title>` +
    body +
    `</svg>`
  );
}
