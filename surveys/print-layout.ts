/** Paper form layout: page orientation, how rated units split into column blocks, how questions fill A4 pages, and the printed (and keyed) cell order. */
import type { Campaign, Form, Option } from './campaign';
import { formatAccessCode } from './access-code';
import { catalogue, problemText, type Lang, type Where } from './problems';
import { formOf, groupByCode, homeUnitsOf, indexUnits, optionsOf, unitByCode, type UnitIndex } from './scope';

export type Orientation = 'portrait' | 'landscape';
/** `columns`: a form rating one unit gets one column per option; `stacked`: each unit's cell stacks one box per option. */
export type CellStyle = 'columns' | 'stacked';

export type LayoutInput = {
  unitNames: string[];
  questionTexts: string[];
  optionCount: number;
  titleLength: number;
  introLength: number;
  /** Line breaks typed in the intro (Alt+Enter): each may start one more printed line. */
  introBreaks?: number;
  /** Labels of the options, printed in the legend and, on a one-unit form, above each option column. */
  optionLabels?: string[];
  /** Option codes, printed before each tick box: a letter is wider than a digit. */
  optionCodes?: string[];
  /** Characters of the campaign's name and of the longest group name and home unit name of the form's groups, printed in the compact heading (when not given: 200, and 240 for the two names at the print limits). */
  campaignLength?: number;
  metaLength?: number;
};

/** One printed page: the rated units (indices) of its column block and the questions (indices) it carries. */
export type LayoutPage = { units: number[]; questions: number[]; first: boolean };
/**
 * `boxColumns`: tick boxes side by side in a stacked cell (unbanded: 2 when the unit columns are wide enough, else 1;
 * banded: as many as the column holds, lines balanced, see bandBoxColumns).
 * `unitHead`: height in mm of a stacked table's head, where unit names run bottom to top (one of UNIT_HEAD_STEPS).
 */
export type FormLayout = {
  orientation: Orientation;
  cellStyle: CellStyle;
  boxColumns: number;
  unitHead: number;
  unitBlocks: number[][];
  pages: LayoutPage[];
  /**
   * Banded matrix (stacked forms only, where it saves a page): each question's text runs across the page on its own
   * line above its row of cells, so the unit columns get the whole width and hold more 3.5 mm tick boxes a line (three
   * for 20 units), each with its option code (one letter or digit) printed inside; the first page's heading is
   * compact, with the serial, its QR code and the page number beside it instead of in a footer.
   */
  band: boolean;
};

// Geometry in millimetres; A4 with 10 mm margins. The estimates are deliberately generous (a row that is shorter
// than estimated only leaves white space, a longer one would push the footer off the page).
const MARGIN = 10;
const CONTENT = { portrait: { w: 210 - 2 * MARGIN, h: 297 - 2 * MARGIN }, landscape: { w: 297 - 2 * MARGIN, h: 210 - 2 * MARGIN } };
const CODE_COL = 9;
const OPTION_COL = 17;
// 62 mm in landscape too: 20 unit columns of 10.3 mm then hold two tick boxes side by side (below), which saves more
// height than the narrower question text costs.
const STACKED_QUESTION_COL = { portrait: 62, landscape: 62 };
const MIN_UNIT_COL = 9.5;
const MAX_UNITS_PER_BLOCK = 20;
/** Up to this many rated units still fit a portrait page with comfortable cells. */
const PORTRAIT_MAX_UNITS = 8;
// Measured in Chromium with the embedded Noto Sans (the same font on every machine, so the figures hold wherever the
// run is printed): the sample's question texts average 1.55 mm a character at 9 pt, the widest 1.66 mm; lines are
// 1.3 × 9 pt = 4.13 mm; a row's padding and borders 1.45 mm.
const CHAR_MM = 1.65;
const LINE_MM = 4.2;
const ROW_PAD_MM = 2.0;
const BOX_ROW_MM = 3.9;
/** Width of one tick box with its code before it (print CSS: .c2 td.boxes i): a digit, a gap, a 2.8 mm box, room between pairs. */
const BOX_ITEM_MM = { digit: 4.9, letter: 5.6 };
const CELL_SPARE_MM = 0.5; // cell borders and rounding
/** Heights of the unit-name head that the print CSS knows (th.unit.hN), in mm. */
export const UNIT_HEAD_STEPS = [14, 18, 22, 26, 30, 34] as const;
// Unit names are 7 pt: 1.55 mm a character at 9 pt × 7/9 = 1.2 mm, 1.3 with room for word breaks; lines 7 pt × 1.15.
const UNIT_NAME_CHAR_MM = 1.3;
const UNIT_NAME_LINE_MM = 2.84;
const HEADER_FIRST_FIXED = 38; // agency, campaign, group, home unit, access code, instructions, legend
const HEADER_NEXT = 9; // 5.4 mm measured in Chromium, plus its 2 mm margin
const FOOTER = 24; // QR code, serial, page number
const FILL = 0.97;

function lines(chars: number, widthMm: number, charMm = CHAR_MM): number {
  return Math.max(1, Math.ceil((chars * charMm) / widthMm));
}

/** Printed lines of a text whose line breaks are kept on paper (white-space: pre-line): each paragraph starts a line. */
function textLines(text: string, widthMm: number, charMm = CHAR_MM): number {
  return text.split('\n').reduce((n, p) => n + lines(p.length, widthMm, charMm), 0);
}

/** Column blocks of at most `max` units, balanced (22 units → 11 + 11, not 20 + 2). */
export function splitUnits(count: number, max: number): number[][] {
  if (count === 0) return [[]];
  const blocks = Math.ceil(count / max);
  const size = Math.ceil(count / blocks);
  const out: number[][] = [];
  for (let start = 0; start < count; start += size) out.push(Array.from({ length: Math.min(size, count - start) }, (_, i) => start + i));
  return out;
}

/** Width left for the question text, in mm. */
function questionColumnWidth(orientation: Orientation, style: CellStyle, optionCount: number): number {
  return style === 'columns' ? CONTENT[orientation].w - CODE_COL - optionCount * OPTION_COL : STACKED_QUESTION_COL[orientation];
}

/** Largest number of unit columns a stacked page of this orientation holds. */
export function maxUnitsPerBlock(orientation: Orientation): number {
  // At most 20 as before the landscape question column narrowed (which alone would allow 21): the blocks, and so the
  // order in which the keying desk walks the cells of forms already printed, stay the same.
  return Math.min(MAX_UNITS_PER_BLOCK, Math.floor((CONTENT[orientation].w - CODE_COL - STACKED_QUESTION_COL[orientation]) / MIN_UNIT_COL));
}

/**
 * Tick boxes side by side in a stacked cell: two when the narrowest unit column of the form holds two, which makes a
 * five-option row three box lines high instead of five. E.g. 20 units landscape: (277 − 9 − 62) / 20 = 10.3 mm,
 * less 0.5 mm = 9.8 mm ≥ 2 × 4.9 mm (digit codes): two; with letter codes (2 × 5.6 = 11.2 mm): one.
 */
export function boxColumnsFor(orientation: Orientation, unitsPerBlock: number, optionCodes: string[]): 1 | 2 {
  const item = optionCodes.every((c) => /^[0-9]$/.test(c)) ? BOX_ITEM_MM.digit : BOX_ITEM_MM.letter;
  const unitCol = (CONTENT[orientation].w - CODE_COL - STACKED_QUESTION_COL[orientation]) / Math.max(1, unitsPerBlock);
  return unitCol - CELL_SPARE_MM >= 2 * item ? 2 : 1;
}

/**
 * The head's height for the longest unit name: names wrap into as many vertical lines as the unit column holds, with
 * 15 % spare for uneven breaks; a name may take the head less 1 mm (print CSS: th.unit.hN span). E.g. 8 districts
 * portrait, 14.9 mm columns: 4 lines; a 23-char name needs 23 × 1.3 / 4 × 1.15 + 1 = 9.6 mm → 14. 20 departments
 * landscape, 10.3 mm: 3 lines; 44 chars: 44 × 1.3 / 3 × 1.15 + 1 = 22.9 → 26; banded, 13.5 mm: 4 lines, 17.4 → 18
 * (measured in Chromium: 16.4 mm of text in the 17 mm the name may take).
 */
export function unitHeadHeight(names: string[], unitColMm: number): number {
  const lines = Math.max(1, Math.floor((unitColMm - 1) / UNIT_NAME_LINE_MM));
  const longest = Math.max(0, ...names.map((n) => n.length));
  const need = ((longest * UNIT_NAME_CHAR_MM) / lines) * 1.15 + 1;
  return UNIT_HEAD_STEPS.find((h) => h >= need) ?? UNIT_HEAD_STEPS[UNIT_HEAD_STEPS.length - 1];
}

/** Estimated height of one question row, in mm. */
function rowHeight(questionText: string, style: CellStyle, qWidth: number, optionCount: number, boxColumns: number): number {
  const text = textLines(questionText, qWidth) * LINE_MM + ROW_PAD_MM;
  return style === 'stacked' ? Math.max(Math.ceil(optionCount / boxColumns) * BOX_ROW_MM + ROW_PAD_MM, text) : Math.max(8, text);
}

/** Decides orientation, cell style, unit blocks and pages for one form instance. */
export function planFormLayout(input: LayoutInput): FormLayout {
  const units = input.unitNames.length;
  const columnsFit = questionColumnWidth('portrait', 'columns', input.optionCount) >= 60;
  const cellStyle: CellStyle = units <= 1 && columnsFit ? 'columns' : 'stacked';
  const orientation: Orientation = cellStyle === 'columns' || units <= PORTRAIT_MAX_UNITS ? 'portrait' : 'landscape';
  const unitBlocks = splitUnits(units, maxUnitsPerBlock(orientation));
  const codes = input.optionCodes ?? Array.from({ length: input.optionCount }, () => 'W');
  const widestBlock = Math.max(...unitBlocks.map((b) => b.length));
  const boxColumns = cellStyle === 'stacked' ? boxColumnsFor(orientation, widestBlock, codes) : 1;
  const unitHead = unitHeadHeight(input.unitNames, (CONTENT[orientation].w - CODE_COL - STACKED_QUESTION_COL[orientation]) / Math.max(1, widestBlock));
  const { w, h } = CONTENT[orientation];
  const qWidth = questionColumnWidth(orientation, cellStyle, input.optionCount);

  // Stacked pages print unit names vertically in a head row of fixed height (print CSS: th.unit). A one-unit form
  // heads each option column (17 mm, 8 pt) with its label and the question column with the unit's name.
  const labels = input.optionLabels ?? [];
  const longestLabel = Math.max(0, ...labels.map((l) => l.length));
  const tableHead =
    cellStyle === 'columns'
      ? Math.max(
          11,
          lines(longestLabel, OPTION_COL - 2, 1.6) * 3.6 + ROW_PAD_MM,
          lines(20 + (input.unitNames[0]?.length ?? 0), qWidth, 1.9) * LINE_MM + ROW_PAD_MM,
        )
      : unitHead + 2;
  // The legend ("1 = Rất tốt  2 = Tốt …") is one line in the fixed header; long labels wrap it onto more.
  const legendExtra = (lines(16 + labels.reduce((n, l) => n + l.length + 6, 0), w) - 1) * LINE_MM;
  const firstHeader =
    HEADER_FIRST_FIXED + lines(input.titleLength, w, 2.2) * 5.6 + (lines(input.introLength, w, 1.6) + (input.introBreaks ?? 0)) * LINE_MM + legendExtra;
  const room = (first: boolean) => (h - FOOTER - tableHead - (first ? firstHeader : HEADER_NEXT)) * FILL;
  const heights = input.questionTexts.map((t) => rowHeight(t, cellStyle, qWidth, input.optionCount, boxColumns));
  const plain: FormLayout = { orientation, cellStyle, boxColumns, unitHead, unitBlocks, pages: fillPages(unitBlocks, heights, room), band: false };
  if (cellStyle !== 'stacked' || plain.pages.length === unitBlocks.length) return plain;
  const banded = bandLayout(input, orientation, unitBlocks, widestBlock);
  return banded && banded.pages.length < plain.pages.length ? banded : plain;
}

/** Questions fill pages block by block: a row goes onto the next page when it would overflow the room left. */
function fillPages(unitBlocks: number[][], heights: number[], room: (first: boolean) => number): LayoutPage[] {
  const pages: LayoutPage[] = [];
  for (const block of unitBlocks) {
    let current: number[] = [];
    let used = 0;
    const flush = () => {
      pages.push({ units: block, questions: current, first: pages.length === 0 });
      current = [];
      used = 0;
    };
    heights.forEach((rh, q) => {
      if (current.length > 0 && used + rh > room(pages.length === 0)) flush();
      current.push(q);
      used += rh;
    });
    if (current.length > 0 || pages.length === 0) flush();
  }
  return pages;
}

// Banded matrix (print CSS: table.band), measured in Chromium with the embedded fonts: question text 8.5 pt in lines
// of 8.5 pt × 1.15 = 3.45 mm, at most 1.57 mm a character, a line and its padding 3.75 mm; a tick box 3.5 mm square
// with its code inside, 0.4 mm of air either side and 0.25 mm above and below: a five-option cell of 3 + 2 boxes is
// 8.75 mm high with its rule, so a question with a one-line text takes 12.5 mm (estimated 12.7).
const BAND_CODE_COL = 7;
const BAND_CHAR_MM = 1.6;
const BAND_LINE_MM = 3.5;
const BAND_TEXT_PAD_MM = 0.4;
const BAND_BOX_MM = 4.3;
const BAND_BOX_ROW_MM = 4.0;
const BAND_BOX_PAD_MM = 0.8;
/** The print CSS sizes a banded cell's line of boxes for up to this many (table.band.cN). */
const BAND_MAX_BOXES = 6;
/**
 * The compact heading (print CSS: .head.compact): its text beside the serial block (32 mm with the gap), the title
 * 10.5 pt beside the 53 mm agency block, the introduction 7.5 pt, the campaign and the group / home unit / access
 * code lines 8 pt, how to answer with the legend (4 mm a line with the legend's boxes; 1.43 mm a character measured
 * for the sample's five options, on one line of 227 mm), 2.4 mm of margins. The serial block (form code, QR code,
 * serial, page number) is about 34 mm high: the heading is never lower. Measured for CT-01 of the sample: 38.0 mm
 * (estimated 38.5).
 */
const BAND_ID_COL = 32;
const BAND_ID_BLOCK = 36;

/**
 * Tick boxes a line in a banded cell of this width (mm), or 0 when not even one fits; the lines are balanced (five
 * options in a cell that holds four go three and two). E.g. 20 units landscape: (277 − 7) / 20 = 13.5 mm, less
 * 0.5 mm = 13 mm: three of 4.3 mm, so two lines; 10 units: 26.5 mm holds all five on one line.
 */
export function bandBoxColumns(unitColMm: number, optionCount: number): number {
  const most = Math.min(BAND_MAX_BOXES, optionCount, Math.floor((unitColMm - CELL_SPARE_MM) / BAND_BOX_MM));
  return most < 1 ? 0 : Math.ceil(optionCount / Math.ceil(optionCount / most));
}

/** The compact heading's height in mm (see BAND_ID_BLOCK). */
function bandHeaderHeight(input: LayoutInput, width: number): number {
  const text = width - BAND_ID_COL;
  const labels = input.optionLabels ?? Array.from({ length: input.optionCount }, () => 'x'.repeat(40));
  // How to answer and «Mã phương án:» are 103 characters; each option its label, its code in a box and spaces.
  const legend = 103 + labels.reduce((n, l) => n + l.length + 5, 0);
  const meta = 60 + (input.metaLength ?? 240);
  return Math.max(
    BAND_ID_BLOCK,
    2.4 +
      lines(input.titleLength, text - 53, 2.0) * 4.65 +
      lines(input.campaignLength ?? 200, text, 1.45) * 3.4 +
      lines(meta, text, 1.5) * 3.4 +
      (input.introLength > 0 ? (lines(input.introLength, text, 1.4) + (input.introBreaks ?? 0)) * 3.2 : 0) +
      lines(legend, text, 1.5) * 4.0,
  );
}

function bandLayout(input: LayoutInput, orientation: Orientation, unitBlocks: number[][], widestBlock: number): FormLayout | null {
  const { w, h } = CONTENT[orientation];
  const unitCol = (w - BAND_CODE_COL) / Math.max(1, widestBlock);
  const boxColumns = bandBoxColumns(unitCol, input.optionCount);
  if (boxColumns < 2) return null;
  const unitHead = unitHeadHeight(input.unitNames, unitCol);
  const boxRow = Math.ceil(input.optionCount / boxColumns) * BAND_BOX_ROW_MM + BAND_BOX_PAD_MM;
  const heights = input.questionTexts.map((t) => textLines(t, w - BAND_CODE_COL - 2, BAND_CHAR_MM) * BAND_LINE_MM + BAND_TEXT_PAD_MM + boxRow);
  const firstHeader = bandHeaderHeight(input, w) + 1.5;
  // The first page carries its serial block in the heading, later pages a footer as every other form.
  const room = (first: boolean) => (h - unitHead - 1 - (first ? firstHeader : HEADER_NEXT + FOOTER)) * FILL;
  return { orientation, cellStyle: 'stacked', boxColumns, unitHead, unitBlocks, pages: fillPages(unitBlocks, heights, room), band: true };
}

/** The cells in the order a keyer meets them on paper: page by page, row by row, left to right. */
export function keyingOrder(layout: FormLayout): { unit: number; question: number }[] {
  return layout.pages.flatMap((p) => p.questions.flatMap((question) => p.units.map((unit) => ({ unit, question }))));
}

// ---------------------------------------------------------------------------------------------------------------
// The print run: plain records that the print templates only format.

export type PrintableForm = { serial: string; accessCode: string; groupCode: string; homeUnit: string | null; targets: string[] };

export type PrintCell = { unit: string };
export type PrintRow = { code: string; text: string; cells: PrintCell[] };
export type PrintPage = {
  number: number;
  count: number;
  first: boolean;
  orientation: Orientation;
  columns: boolean;
  boxColumns: number;
  band: boolean;
  /** The serial, QR code and page number sit beside the heading (first page of a banded form), not in a footer. */
  idInHead: boolean;
  unitHead: number;
  units: { code: string; name: string }[];
  rows: PrintRow[];
};
export type PrintSheet = {
  serial: string;
  accessCode: string;
  province: string;
  campaignName: string;
  formCode: string;
  formTitle: string;
  intro: string;
  groupName: string;
  homeName: string;
  options: Option[];
  pages: PrintPage[];
};

/** Layout input of one form instance (shared by printing and the keying desk, so both follow the same paper). */
export function layoutFor(c: Campaign, form: Form, targets: string[]): FormLayout {
  const unitName = new Map(c.units.map((u) => [u.code, u.name]));
  const options = optionsOf(c, form);
  const units = indexUnits(c);
  return planFormLayout({
    unitNames: targets.map((t) => unitName.get(t) ?? t),
    questionTexts: form.questions.map((q) => q.text),
    optionCount: options.length,
    titleLength: form.title.length,
    introLength: form.intro.length,
    // Each paragraph of the intro starts a line: lines(whole) + breaks bounds the sum of its paragraphs' lines.
    introBreaks: form.intro.split('\n').length - 1,
    optionLabels: options.map((o) => o.label),
    optionCodes: options.map((o) => o.code),
    campaignLength: c.name.length,
    metaLength: Math.max(
      0,
      ...c.groups
        .filter((g) => g.form === form.code)
        .map((g) => g.name.length + Math.max(0, ...homeUnitsOf(c, g, units).map((h) => homeLabel(c, h, units).length))),
    ),
  });
}

/** Home unit as printed: the unit's name, or the province for province-wide groups. */
export function homeLabel(c: Campaign, home: string | null, units?: UnitIndex): string {
  if (home === null) return `Toàn tỉnh ${c.province}`;
  return unitByCode(c, home, units)?.name ?? home;
}

/** One sheet (all pages) per form instance, in the order given. */
export function buildPrintRun(c: Campaign, forms: PrintableForm[]): PrintSheet[] {
  const units = indexUnits(c);
  const unitName = new Map(c.units.map((u) => [u.code, u.name]));
  const layouts = new Map<string, FormLayout>();
  return forms.map((f) => {
    const group = groupByCode(c, f.groupCode);
    if (!group) throw new Error(`form ${f.serial}: unknown group ${f.groupCode}`);
    const form = formOf(c, group);
    const options = optionsOf(c, form);
    // Forms of one group and target list share a layout; a 1,200-form run has a few dozen distinct ones.
    const key = `${form.code}\u0000${f.targets.join(',')}`;
    let layout = layouts.get(key);
    if (!layout) layouts.set(key, (layout = layoutFor(c, form, f.targets)));
    const count = layout.pages.length;
    return {
      serial: f.serial,
      accessCode: formatAccessCode(f.accessCode),
      province: c.province,
      campaignName: c.name,
      formCode: form.code,
      formTitle: form.title,
      intro: form.intro,
      groupName: group.name,
      homeName: homeLabel(c, f.homeUnit, units),
      options,
      pages: layout.pages.map((p, i) => ({
        number: i + 1,
        count,
        first: p.first,
        orientation: layout.orientation,
        columns: layout.cellStyle === 'columns',
        boxColumns: layout.boxColumns,
        band: layout.band,
        idInHead: layout.band && p.first,
        unitHead: layout.unitHead,
        units: p.units.map((u) => ({ code: f.targets[u], name: unitName.get(f.targets[u]) ?? f.targets[u] })),
        rows: p.questions.map((q) => ({
          code: form.questions[q].code,
          text: form.questions[q].text,
          cells: p.units.map((u) => ({ unit: f.targets[u] })),
        })),
      })),
    };
  });
}

export type PrintSelection = { group?: string; home?: string };

/** Why a print selection names nothing of the campaign. */
export type SelectionProblem = { kind: 'unknown-group'; group: string; known: string[]; where?: Where } | { kind: 'unknown-home'; home: string; where?: Where };

export const SELECTION_TEXT = catalogue<SelectionProblem>({
  'unknown-group': {
    en: (p) => `unknown group "${p.group}" (known: ${p.known.join(', ')})`,
    vi: (p) => `không có nhóm đối tượng "${p.group}" trong đợt điều tra (các nhóm: ${p.known.join(', ')})`,
  },
  'unknown-home': { en: (p) => `unknown home unit "${p.home}"`, vi: (p) => `không có nơi công tác "${p.home}" trong đợt điều tra` },
});

export const selectionText = (p: SelectionProblem, lang: Lang) => problemText(SELECTION_TEXT, p, lang);

/**
 * A download's file name from its parts (what it is, campaign, group, home unit; empty parts left out), each part
 * reduced to letters, digits, "_" and "-" so that no name can break the header it goes in: `phieu-LCU-2020-CT01`.
 */
export function downloadName(...parts: (string | undefined)[]): string {
  return parts.flatMap((s) => (s ? [s.replace(/[^A-Za-z0-9_-]+/g, '-')] : [])).join('-');
}

/** Problems with a print selection (unknown group or home unit), empty when it is fine. */
export function selectionProblems(c: Campaign, sel: PrintSelection): SelectionProblem[] {
  const problems: SelectionProblem[] = [];
  if (sel.group && !c.groups.some((g) => g.code === sel.group)) problems.push({ kind: 'unknown-group', group: sel.group, known: c.groups.map((g) => g.code) });
  if (sel.home && !c.units.some((u) => u.code === sel.home)) problems.push({ kind: 'unknown-home', home: sel.home });
  return problems;
}
