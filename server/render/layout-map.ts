/** The layout map of printed forms (issue 15): the print run laid out in headless Chromium, and every registration mark, QR code and tick box measured in mm on its sheet. */
import type { Campaign } from '../../surveys/campaign';
import type { BoxMap, FormMap, LayoutMap, PageMap, Rect } from '../../surveys/omr/layout-map';
import { buildPrintRun, type PrintableForm, type PrintSheet } from '../../surveys/print-layout';
import { formOf, groupByCode } from '../../surveys/scope';
import { launchChromium } from './chromium';
import { renderPrintPieces } from './render';

export type LayoutMapOptions = {
  /** CHROMIUM_PATH, as for PDFs (chromium.ts). */
  chromium?: string;
  /** Called after each measured piece with the forms whose geometry is known so far and the forms asked for. */
  onProgress?: (done: number, total: number) => void;
};

/** One sheet as measured in the browser, before its boxes are named. */
type MeasuredSheet = {
  serial: string;
  page: number;
  orientation: 'portrait' | 'landscape';
  width: number;
  height: number;
  marks: Rect[];
  qr: Rect | null;
  /** `inside` when the box is the element holding its option code (no `::after` box: a banded form's box). */
  boxes: (Rect & { inside: boolean })[];
};

/**
 * Where every registration mark, QR code and tick box of the given forms sits, in mm on each printed page (rounded
 * to 0.01 mm), forms in the order given.
 *
 * Forms of one group and home unit (so one form and one list of rated units) print identically but for the serial
 * and the access code, both fixed width (test/e2e/layout-map.test.ts holds every form of such a pair to the same
 * geometry): each distinct layout is laid out and measured once, and the other serials get its pages (the same
 * objects, shared: the map is read, not changed). The sample run has 179 distinct layouts for 1,442 forms (23 s).
 */
export async function measureLayoutMap(c: Campaign, forms: PrintableForm[], opts: LayoutMapOptions = {}): Promise<LayoutMap> {
  const byLayout = new Map<string, PrintableForm[]>();
  for (const f of forms) {
    const key = [f.groupCode, f.homeUnit ?? '', ...f.targets].join('\u0000');
    const same = byLayout.get(key);
    if (same) same.push(f);
    else byLayout.set(key, [f]);
  }
  const groups = [...byLayout.values()];
  let done = 0;
  const measured = await measureForms(
    c,
    groups.map((g) => g[0]),
    {
      chromium: opts.chromium,
      onProgress: (firsts) => {
        done += firsts.reduce((n, i) => n + groups[i].length, 0);
        opts.onProgress?.(done, forms.length);
      },
    },
  );
  const pagesOf = new Map<string, PageMap[]>();
  groups.forEach((g, i) => {
    for (const f of g) pagesOf.set(f.serial, measured[i].pages);
  });
  return { campaign: c.code, unit: 'mm', forms: forms.map((f) => formMap(c, f, pagesOf.get(f.serial)!)) };
}

const formMap = (c: Campaign, f: PrintableForm, pages: PageMap[]): FormMap => ({
  serial: f.serial,
  form: formOf(c, groupByCode(c, f.groupCode)!).code,
  group: f.groupCode,
  home: f.homeUnit,
  pages,
});

/**
 * Every form laid out and measured on its own (no sharing of layouts), in the order given; `onProgress` gets the
 * indexes of the forms of each piece as it is measured. measureLayoutMap measures one form per layout through this;
 * the test measures whole groups to check that forms of one layout measure the same.
 */
export async function measureForms(
  c: Campaign,
  forms: PrintableForm[],
  opts: { chromium?: string; onProgress?: (forms: number[]) => void } = {},
): Promise<FormMap[]> {
  const sheets = buildPrintRun(c, forms);
  const pieces = await renderPrintPieces(c, forms);
  const measured: MeasuredSheet[][] = new Array(pieces.length);
  const browser = await launchChromium(opts.chromium);
  try {
    let next = 0;
    // Two pieces at a time, one per core, as the PDF path does.
    const worker = async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      page.setDefaultTimeout(600_000);
      await page.emulateMedia({ media: 'print' });
      try {
        while (next < pieces.length) {
          const i = next++;
          await page.setContent(pieces[i].html, { waitUntil: 'load' });
          measured[i] = (await page.evaluate(IN_PAGE)) as MeasuredSheet[];
          const first = pieces.slice(0, i).reduce((n, p) => n + p.forms, 0);
          opts.onProgress?.(Array.from({ length: pieces[i].forms }, (_, k) => first + k));
        }
      } finally {
        await context.close();
      }
    };
    await Promise.all(Array.from({ length: Math.min(2, pieces.length) }, worker));
  } finally {
    await browser.close();
  }
  const all = measured.flat();
  let at = 0;
  return forms.map((f, i) => {
    const sheet = sheets[i];
    const pages = sheet.pages.map((p) => {
      const m = all[at++];
      if (!m || m.serial !== f.serial || m.page !== p.number)
        throw new Error(`layout map: sheet ${at} is ${m?.serial}/${m?.page}, expected ${f.serial}/${p.number}`);
      return pageMap(sheet, p.number - 1, m);
    });
    return formMap(c, f, pages);
  });
}

/**
 * Names the measured boxes of one page by their place in the document: the template writes them question by
 * question, unit by unit, option by option (run.hbs: rows, then cells, then the form's options), which is the
 * keying order of PageMap. Naming them from the print run (a pure function of the form) rather than from data
 * attributes keeps the printed HTML as it was: attributes on up to 1,000 boxes of a form would add about a third to a
 * 1,442-form run. A count that differs from the print run's cells × options is a bug and throws.
 */
function pageMap(sheet: PrintSheet, index: number, m: MeasuredSheet): PageMap {
  const p = sheet.pages[index];
  const names: Omit<BoxMap, keyof Rect>[] = [];
  for (const row of p.rows) for (const cell of row.cells) for (const o of sheet.options) names.push({ unit: cell.unit, question: row.code, answer: o.code });
  if (names.length !== m.boxes.length)
    throw new Error(`layout map: ${sheet.serial}/${p.number} has ${m.boxes.length} tick boxes, the print run ${names.length}`);
  if (m.marks.length !== 4 || !m.qr) throw new Error(`layout map: ${sheet.serial}/${p.number} lacks its registration marks or QR code`);
  return {
    page: p.number,
    pages: p.count,
    orientation: m.orientation,
    width: m.width,
    height: m.height,
    marks: m.marks as PageMap['marks'],
    qr: m.qr,
    boxes: m.boxes.map(({ inside, ...r }, k) => ({ ...r, ...names[k], ...(inside ? { codeInside: true as const } : {}) })),
  };
}

/**
 * The measuring function as a script. tsx compiles with esbuild's keepNames, which wraps inner named functions in a
 * `__name` helper that exists in Node, not in the page; the script brings a stand-in.
 */
const IN_PAGE = `(() => { const __name = (f) => f; return (${measureSheetsInPage.toString()})(); })()`;

/**
 * Runs in the page (print media): every sheet's marks, QR code and tick boxes in mm from the sheet's top-left
 * corner. The sheet is a fixed box of the paper's size with no transform, so CSS px convert to mm exactly (96 px an
 * inch). Where a tick box is drawn by `i::after` (the code printed before its box), a pseudo-element has no DOM
 * geometry: each one is replaced by a real last child carrying the pseudo-element's computed style, which lays out
 * in the very same place, and is measured instead. Self-contained: serialised into the browser.
 */
function measureSheetsInPage(): MeasuredSheet[] {
  const mm = 96 / 25.4;
  const round = (v: number) => Math.round(v * 100) / 100;
  const items = [...document.querySelectorAll<HTMLElement>('section.sheet main i')];
  // The pseudo-element's style depends only on where the box sits (table and cell classes): read once per place.
  const styleOf = new Map<string, [string, string][] | null>();
  const wanted = items.map((i) => {
    const key = `${i.closest('table')?.className}|${i.parentElement?.className}`;
    if (!styleOf.has(key)) {
      const cs = getComputedStyle(i, '::after');
      styleOf.set(key, cs.content === 'none' || cs.content === 'normal' ? null : [...cs].map((name) => [name, cs.getPropertyValue(name)]));
    }
    return styleOf.get(key)!;
  });
  const off = document.createElement('style');
  off.textContent = 'section.sheet main i::after { content: none !important; }';
  document.head.append(off);
  const boxOf = items.map((i, k) => {
    const style = wanted[k];
    if (!style) return i;
    const b = document.createElement('b');
    for (const [name, value] of style) if (name !== 'content') b.style.setProperty(name, value);
    i.append(b);
    return b;
  });
  const boxIndex = new Map(items.map((i, k) => [i, boxOf[k]]));
  return [...document.querySelectorAll<HTMLElement>('section.sheet[data-serial][data-page]')].map((s) => {
    const o = s.getBoundingClientRect();
    const rect = (e: Element) => {
      const r = e.getBoundingClientRect();
      return { x: round((r.left - o.left) / mm), y: round((r.top - o.top) / mm), w: round(r.width / mm), h: round(r.height / mm) };
    };
    const qr = s.querySelector('.qr svg');
    return {
      serial: s.dataset.serial!,
      page: Number(s.dataset.page),
      orientation: s.classList.contains('landscape') ? 'landscape' : 'portrait',
      width: round(o.width / mm),
      height: round(o.height / mm),
      marks: [...s.querySelectorAll('.reg')].map(rect),
      qr: qr ? rect(qr) : null,
      boxes: [...s.querySelectorAll<HTMLElement>('main i')].map((i) => ({ ...rect(boxIndex.get(i)!), inside: boxIndex.get(i) === i })),
    };
  });
}
