/** The scan import's plan (issue 15): which read pages make a whole form, which pass each form's machine reading is, which cells wait for a person, and every page that cannot be used, with its file and page. */
import { scanMode, type Campaign } from '../campaign';
import { KEYED_TEXT, type KeyedProblem, type KeyedRow } from '../keyed';
import { MACHINE_OPERATOR, type LedgerForm } from '../ledger';
import { campaignAsk, deskPass, PASS_TEXT, type PassProblem } from '../passes';
import { dateTimeVi } from '../format-vi';
import { catalogue, type Catalogue, type Lang, type Problem, type Wording } from '../problems';
import type { CellReading, PageProblem, PageReading } from './reading';

/** Where a page came from: the file as named and the page's number in it, from 1. */
export type ScanPlace = { file: string; page: number };
/**
 * `hash`: the SHA-256 of the stored image, which tells a page loaded before from a page scanned again. `kept`: a page an
 * earlier upload read and kept for its form, which lacked pages then (its place is in that upload's file).
 */
export type ScannedPage = { at: ScanPlace; reading: PageReading; hash?: string; kept?: EarlierPage };

/** An earlier import's page: the file it came in and when (as stored, UTC). */
export type EarlierPage = { file: string; at: string };
/** Pages of a form that earlier uploads brought and kept for it: which, and the file and time of the first of them. */
export type EarlierPages = EarlierPage & { pages: number[] };

/** Why a scanned page, or a form, is not imported. Each names the file and page a person looks at. */
export type ScanProblem =
  | ({ kind: 'page-unidentified'; problem: PageProblem } & ScanPlace)
  | ({ kind: 'serial-unknown'; serial: string } & ScanPlace)
  | ({ kind: 'page-not-of-form'; serial: string; formPage: number } & ScanPlace)
  | ({ kind: 'page-twice'; serial: string; formPage: number; firstFile: string; firstPage: number } & ScanPlace)
  | ({ kind: 'pages-missing'; serial: string; missing: number[]; twice?: number[]; pages: number; kept?: EarlierPages } & ScanPlace)
  | ({ kind: 'form-refused'; serial: string; problem: PassProblem } & ScanPlace)
  | ({ kind: 'already-read'; serial: string | null; readFile: string; readAt: string } & ScanPlace);

/**
 * Whether scanning the page again can help: the reader could not use this image (no QR code found, corners not found),
 * or the upload lacked or doubled a page of the form. A page whose QR code is not ours or names another campaign, a
 * form the ledger refuses, or a page already read is not helped by a rescan; the console lists those apart, so no one
 * rescans a stack for nothing (a tester's page of another campaign was listed under «Quét lại các trang này»).
 */
export const rescanHelps = (p: ScanProblem): boolean =>
  (p.kind === 'page-unidentified' && (p.problem.kind === 'qr-not-found' || p.problem.kind === 'marks-not-found')) ||
  p.kind === 'page-twice' ||
  p.kind === 'pages-missing';

const pageWhy = (p: PageProblem, lang: Lang): string => {
  const en = lang === 'en';
  if (p.kind === 'qr-not-found') return en ? 'no QR code found' : 'không tìm thấy mã QR';
  if (p.kind === 'qr-not-ours') return en ? `the QR code "${p.text}" is not one of our forms` : `mã QR "${p.text}" không phải của phiếu khảo sát`;
  if (p.kind === 'campaign-other') {
    const which = p.other ?? (en ? 'another campaign' : 'một đợt điều tra khác');
    return en
      ? `form ${p.serial} is a form of ${which}, not of this campaign`
      : `phiếu ${p.serial} là phiếu của ${p.other ? `đợt điều tra ${p.other}` : which}, không thuộc đợt này`;
  }
  if (p.kind === 'page-unknown') return en ? `form ${p.serial} has no page ${p.page}` : `phiếu ${p.serial} không có trang ${p.page}`;
  return en
    ? `form ${p.serial} page ${p.page}: the corner marks were not found (torn, folded or cut off?)`
    : `phiếu ${p.serial} trang ${p.page}: không tìm thấy các dấu ở góc trang (trang bị rách, gấp hay quét thiếu?)`;
};

/** The pages a form lacking pages wants loaded: those missing and those that came twice, in page order. */
const wantedAgain = (p: { missing: number[]; twice?: number[] }) => [...p.missing, ...(p.twice ?? [])].sort((a, b) => a - b);

export const SCAN_TEXT = catalogue<ScanProblem>({
  'page-unidentified': { en: (p) => `cannot read the page: ${pageWhy(p.problem, 'en')}`, vi: (p) => `không đọc được trang: ${pageWhy(p.problem, 'vi')}` },
  'serial-unknown': { en: (p) => `form ${p.serial} is not a form of this campaign`, vi: (p) => `phiếu số ${p.serial} không thuộc đợt điều tra này` },
  'page-not-of-form': { en: (p) => `form ${p.serial} has no page ${p.formPage}`, vi: (p) => `phiếu ${p.serial} không có trang ${p.formPage}` },
  'page-twice': {
    en: (p) => `page ${p.formPage} of form ${p.serial} is scanned twice (also ${p.firstFile} page ${p.firstPage}); the form is not read`,
    vi: (p) => `trang ${p.formPage} của phiếu ${p.serial} được quét hai lần (cả ở tệp ${p.firstFile}, trang ${p.firstPage}); phiếu chưa được đọc`,
  },
  'pages-missing': {
    en: (p) => {
      const wanted = wantedAgain(p);
      return (
        `form ${p.serial} ` +
        [p.missing.length ? `lacks page ${p.missing.join(', ')} of ${p.pages}` : '', p.twice?.length ? `has page ${p.twice.join(', ')} twice` : '']
          .filter(Boolean)
          .join(' and ') +
        `; the form is not read yet: its other pages are kept and it is read when page ${wanted.join(', ')} ${wanted.length > 1 ? 'are' : 'is'} loaded${p.twice?.length ? ' (once)' : ''}` +
        (p.kept ? ` (page ${p.kept.pages.join(', ')} came earlier: file ${p.kept.file}, ${dateTimeVi(p.kept.at)})` : '')
      );
    },
    vi: (p) => {
      const wanted = wantedAgain(p);
      return (
        `phiếu ${p.serial} ` +
        [
          p.missing.length ? `thiếu trang ${p.missing.join(', ')} (trong ${p.pages} trang)` : '',
          p.twice?.length ? `có trang ${p.twice.join(', ')} quét hai lần` : '',
        ]
          .filter(Boolean)
          .join(' và ') +
        `; phiếu chưa được đọc: các trang đã có được giữ lại, phiếu sẽ được đọc khi nạp trang ${wanted.join(', ')}${p.twice?.length ? ' (mỗi trang một lần)' : ''}` +
        (p.kept ? ` (trang ${p.kept.pages.join(', ')} đã nạp trước: tệp ${p.kept.file}, lúc ${dateTimeVi(p.kept.at)})` : '')
      );
    },
  },
  'already-read': {
    en: (p) =>
      `this page was already read on ${dateTimeVi(p.readAt)} (file ${p.readFile})${p.serial ? `: form ${p.serial} has its machine pass` : ''}; nothing to do`,
    vi: (p) =>
      `trang này đã được đọc lúc ${dateTimeVi(p.readAt)} (tệp ${p.readFile})${p.serial ? `, phiếu ${p.serial} đã có lượt máy đọc` : ''}; không cần làm gì thêm`,
  },
  'form-refused': { en: (p) => wording(PASS_TEXT, p.problem, 'en'), vi: (p) => wording(PASS_TEXT, p.problem, 'vi') },
});

/** A catalogue's words for a problem as they run on after a place (problemText would start a place-less Vietnamese sentence with a capital). */
function wording<P extends Problem>(cat: Catalogue<P>, p: P, lang: Lang): string {
  return (cat[p.kind as P['kind']] as unknown as Wording<P>)[lang](p);
}

/** A page of a scanned file as people name it: `scan.pdf page 3` / `Tệp scan.pdf, trang 3`. */
const placeText = (at: ScanPlace, lang: Lang) => (lang === 'en' ? `${at.file} page ${at.page}` : `Tệp ${at.file}, trang ${at.page}`);

/** A problem in words, after its file and page: `scan.pdf page 3: …` / `Tệp scan.pdf, trang 3: …`. */
export const scanText = (p: ScanProblem, lang: Lang) => `${placeText(p, lang)}: ${wording(SCAN_TEXT, p, lang)}`;

/**
 * A refusal of the keyed-file checks met by a machine pass, at the scanned page of the cell it names (a row number
 * of the rows the import made would mean nothing to the person holding the paper); null for a refusal of the whole.
 */
export type PlacedKeyedProblem = { at: ScanPlace | null; problem: KeyedProblem };

export function placedKeyedText(p: PlacedKeyedProblem, lang: Lang): string {
  const { where: _row, ...problem } = p.problem;
  const words = wording(KEYED_TEXT, problem as KeyedProblem, lang);
  if (!p.at) return lang === 'en' ? words : words.charAt(0).toUpperCase() + words.slice(1);
  return `${placeText(p.at, lang)}: ${words}`;
}

/** One form whose every page was read: its cells as keyed rows, the pass they are, and the cells the reader was unsure of. */
export type PlannedForm = {
  serial: string;
  pass: 1 | 2;
  /** Indices of its pages in the input, in page order. */
  pages: number[];
  /** Pages kept from earlier uploads that complete it: which, and the file and time of the first. */
  kept?: EarlierPages;
  rows: KeyedRow[];
  /** Cells read unsure, with the reader's best guess; `verify` says whether they wait for a person. */
  unsure: Pick<CellReading, 'unit' | 'question' | 'answer' | 'why'>[];
  /** True when a person's verification of the unsure cells completes the form (verify mode, machine pass 1). */
  verify: boolean;
};

/** `pageProblems`: for each page given, in order, the problem that keeps it out of a pass (null for a page that feeds one, or a kept page left unused). */
export type ScanPlan = { forms: PlannedForm[]; problems: ScanProblem[]; pageProblems: (ScanProblem | null)[] };

/**
 * `earlier`: what earlier imports of the campaign read: by serial, the first page that fed the form's machine pass, and
 * by "serial/page" each page's; by image hash, every page that fed a pass (the same image loaded again is the same scan; a page that was not used
 * is planned again). Pages earlier uploads kept for forms that lacked pages come among the pages, marked `kept`.
 */
export type ScanPlanContext = {
  campaign: Campaign;
  ledger: ReadonlyMap<string, LedgerForm>;
  loadedBy: string | null;
  earlier?: { bySerial: ReadonlyMap<string, EarlierPage>; byHash: ReadonlyMap<string, EarlierPage>; byPage?: ReadonlyMap<string, EarlierPage> };
};

/**
 * Groups read pages into forms. A form is imported only when each of its pages is there exactly once and the ledger
 * lets the machine key a pass of it (the first free pass, as at the keying desk); every other page is a problem at
 * its file and page, never dropped. Pages kept from earlier uploads (`kept`) complete a form of this upload where it
 * lacks them (a page of this upload wins over a kept one); they are never a problem of this upload themselves. Forms
 * come in the order of their first page in the scan.
 */
export function planScanImport(pages: readonly ScannedPage[], ctx: ScanPlanContext): ScanPlan {
  const { campaign: c, ledger, loadedBy } = ctx;
  const earlier = ctx.earlier ?? { bySerial: new Map<string, EarlierPage>(), byHash: new Map<string, EarlierPage>() };
  const problems: ScanProblem[] = [];
  const pageProblems: (ScanProblem | null)[] = pages.map(() => null);
  /** A problem listed once, and the problem of each of these pages that has none yet. */
  const problem = (p: ScanProblem, ...indices: number[]) => {
    problems.push(p);
    for (const i of indices) pageProblems[i] ??= p;
  };
  const bySerial = new Map<string, { index: number; page: number; pages: number }[]>();
  const keptOf = new Map<string, { index: number; page: number; pages: number }[]>();
  pages.forEach(({ at, reading: r, hash, kept }, index) => {
    if (kept) {
      if (r.ok) keptOf.set(r.id.serial, [...(keptOf.get(r.id.serial) ?? []), { index, page: r.id.page, pages: r.id.pages }]);
      return;
    }
    const before = hash === undefined ? undefined : earlier.byHash.get(hash);
    if (before) {
      problem({ kind: 'already-read', serial: r.ok ? r.id.serial : null, readFile: before.file, readAt: before.at, ...at }, index);
      return;
    }
    if (!r.ok) {
      const p = r.problem;
      if (p.kind === 'page-unknown' && !ledger.has(p.serial)) problem({ kind: 'serial-unknown', serial: p.serial, ...at }, index);
      else if (p.kind === 'page-unknown') problem({ kind: 'page-not-of-form', serial: p.serial, formPage: p.page, ...at }, index);
      else problem({ kind: 'page-unidentified', problem: p, ...at }, index);
      return;
    }
    if (!ledger.has(r.id.serial)) {
      problem({ kind: 'serial-unknown', serial: r.id.serial, ...at }, index);
      return;
    }
    const list = bySerial.get(r.id.serial) ?? [];
    list.push({ index, page: r.id.page, pages: r.id.pages });
    bySerial.set(r.id.serial, list);
  });

  const forms: PlannedForm[] = [];
  const mode = scanMode(c);
  for (const [serial, found] of bySerial) {
    const first = pages[found[0].index].at;
    // A form the machine already read (the same paper scanned again, a stack loaded twice): one line per page, read before.
    const read = earlier.bySerial.get(serial);
    if (read && [ledger.get(serial)!.pass1Operator, ledger.get(serial)!.pass2Operator].includes(MACHINE_OPERATOR)) {
      for (const f of found) {
        // The page's own earlier scan where there is one (a form completed across uploads has pages from several).
        const page = earlier.byPage?.get(`${serial}/${f.page}`) ?? read;
        problem({ kind: 'already-read', serial, readFile: page.file, readAt: page.at, ...pages[f.index].at }, f.index);
      }
      continue;
    }
    const byPage = new Map<number, number>();
    const twice = new Set<number>();
    for (const f of found) {
      const earlier = byPage.get(f.page);
      if (earlier !== undefined) {
        twice.add(f.page);
        const { file: firstFile, page: firstPage } = pages[earlier].at;
        problem({ kind: 'page-twice', serial, formPage: f.page, firstFile, firstPage, ...pages[f.index].at }, f.index);
      } else byPage.set(f.page, f.index);
    }
    // A page that came twice cannot be read either (which copy?): it is wanted again, once.
    for (const n of twice) byPage.delete(n);
    const total = Math.max(...found.map((f) => f.pages));
    // Pages earlier uploads kept for the form, where this upload lacks them.
    const fromBefore = (keptOf.get(serial) ?? []).filter((k) => k.pages === total && !byPage.has(k.page) && !twice.has(k.page)).sort((x, y) => x.page - y.page);
    for (const k of fromBefore) byPage.set(k.page, k.index);
    const k = fromBefore[0] && pages[fromBefore[0].index].kept;
    const kept = k ? { ...k, pages: fromBefore.map((x) => x.page) } : undefined;
    const missing = Array.from({ length: total }, (_, i) => i + 1).filter((n) => !byPage.has(n) && !twice.has(n));
    if (missing.length || twice.size) {
      // Every page of the form here carries it (a copy of a page that came twice has its own line): so they are kept.
      problem(
        {
          kind: 'pages-missing',
          serial,
          missing,
          ...(twice.size ? { twice: [...twice].sort((x, y) => x - y) } : {}),
          pages: total,
          ...(kept ? { kept } : {}),
          ...first,
        },
        ...found.map((f) => f.index),
      );
      continue;
    }
    const pass = deskPass(ledger.get(serial)!, { operator: MACHINE_OPERATOR, loadedBy, ...campaignAsk(c) });
    if (!pass.ok) {
      problem({ kind: 'form-refused', serial, problem: pass.problem, ...first }, ...found.map((f) => f.index));
      continue;
    }
    const order = [...byPage].sort((a, b) => a[0] - b[0]).map(([, i]) => i);
    const cells = order.flatMap((i) => {
      const r = pages[i].reading;
      return r.ok ? r.cells : [];
    });
    forms.push({
      serial,
      pass: pass.pass,
      pages: order,
      ...(kept ? { kept } : {}),
      rows: cells.map((x) => ({ serial, unit: x.unit, question: x.question, answer: x.answer })),
      unsure: cells.filter((x) => !x.sure).map((x) => ({ unit: x.unit, question: x.question, answer: x.answer, ...(x.why ? { why: x.why } : {}) })),
      verify: mode === 'verify' && pass.pass === 1,
    });
  }
  return { forms, problems, pageProblems };
}
