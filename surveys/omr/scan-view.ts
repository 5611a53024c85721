/** What the console shows of a scan import: its progress while it runs, then forms read, cells sent to verification and every problem in Vietnamese. */
import { dateTimeVi, numberVi } from '../format-vi';
import { type EarlierPages, placedKeyedText, rescanHelps, scanText, type PlacedKeyedProblem, type ScanProblem } from './scan-plan';

/** The outcome of an import as the console words it (the shapes of server/scan/import-scans.ts and db/scans.repo.ts). */
export type ScanOutcomeInput =
  | { ok: false; unreadable: string[]; damaged?: true }
  | { ok: false; unreadable?: undefined; problems: PlacedKeyedProblem[]; errorCount: number }
  | { ok: true; pages: number; forms: { serial: string; pass: 1 | 2; kept?: EarlierPages }[]; queued: number; problems: ScanProblem[] };

/** `scannedBy`: the person who scanned the paper, as typed on the form; `by`: the signed-in person who loaded the file. */
export type ScanJobInput = {
  fileNames: string[];
  scannedBy: string;
  by: string;
  startedAt: Date;
  finishedAt?: Date;
  status: 'running' | 'done' | 'failed';
  progress: { pages: number; pagesRead: number };
  result?: ScanOutcomeInput;
};

/** The files of an upload as its heading names them: `Tệp lô 1.pdf`; `3 tệp: trang-1.png, trang-2.png, trang-3.png`; past 5 names, the first 3 and how many more. */
export function filesText(names: readonly string[]): string {
  if (names.length === 1) return `Tệp ${names[0]}`;
  const shown = names.length > 5 ? `${names.slice(0, 3).join(', ')} và ${numberVi(names.length - 3)} tệp khác` : names.join(', ');
  return `${numberVi(names.length)} tệp: ${shown}`;
}

/**
 * The import's page: 41 pages decoded, 12 read → "Đã đọc 12/41 trang"; the outcome in words: forms read by pass, cells
 * queued, each problem with its file and page (those a rescan helps apart from the others); or why nothing was written.
 */
export function scanJobView(job: ScanJobInput, now: Date) {
  const r = job.result;
  const seconds = numberVi(((job.finishedAt ?? now).getTime() - job.startedAt.getTime()) / 1000, 1);
  const base = {
    files: filesText(job.fileNames),
    scannedBy: job.scannedBy,
    by: job.by,
    startedAt: dateTimeVi(job.startedAt),
    seconds,
    running: job.status === 'running',
    failed: job.status === 'failed',
    pagesDecoded: numberVi(job.progress.pages),
    pagesRead: numberVi(job.progress.pagesRead),
  };
  if (!r) return { ...base, done: null };
  if (!r.ok && r.unreadable)
    return {
      ...base,
      done: {
        refused: r.unreadable.map((name) =>
          r.damaged ? `Tệp ${name} bị hỏng hoặc không đầy đủ, không mở được: quét hoặc xuất lại tệp này.` : `Tệp ${name} không phải PDF, TIFF, PNG hay JPEG.`,
        ),
      },
    };
  if (!r.ok) return { ...base, done: { refused: r.problems.map((p) => placedKeyedText(p, 'vi')), more: r.errorCount - r.problems.length } };
  const pass = (n: 1 | 2) => r.forms.filter((f) => f.pass === n).length;
  return {
    ...base,
    done: {
      pages: numberVi(r.pages),
      forms: numberVi(r.forms.length),
      pass1: numberVi(pass(1)),
      pass2: numberVi(pass(2)),
      queued: r.queued,
      queuedText: numberVi(r.queued),
      // Forms completed with pages an earlier upload kept: said, so the clerk knows where their other pages came from.
      completed: r.forms.flatMap((f) =>
        f.kept ? [`Phiếu ${f.serial} được đọc cùng trang ${f.kept.pages.join(', ')} đã nạp trước (tệp ${f.kept.file}, lúc ${dateTimeVi(f.kept.at)}).`] : [],
      ),
      problems: r.problems.length,
      // Only pages a rescan can help are under «Quét lại các trang này»; the others (already read, another campaign's
      // form, a form the ledger refuses) have their own list.
      rescan: r.problems.filter(rescanHelps).map((p) => scanText(p, 'vi')),
      other: r.problems.filter((p) => !rescanHelps(p)).map((p) => scanText(p, 'vi')),
    },
  };
}

/**
 * The forms whose pages wait for the rest, as the console lists them: «Phiếu 013092: đã có trang 1 (trong 3 trang;
 * tệp lô 2.pdf, lúc 29/11/2026 14:04), còn thiếu trang 2, 3.»
 */
export function awaitingText(f: { serial: string; pages: number[]; of: number; file: string; at: string }): string {
  const missing = Array.from({ length: f.of }, (_, i) => i + 1).filter((n) => !f.pages.includes(n));
  return `Phiếu ${f.serial}: đã có trang ${f.pages.join(', ')} (trong ${f.of} trang; tệp ${f.file}, lúc ${dateTimeVi(f.at)}), còn thiếu trang ${missing.join(', ')}.`;
}
