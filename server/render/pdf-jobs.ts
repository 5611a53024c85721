/** Whole-run PDFs made in the background, one at a time per campaign, so the console can show progress and then a download. */
import type { PdfJobState } from '../../surveys/print-job';
import { createJobs } from '../background-jobs';
import { htmlPiecesToPdf } from './pdf';

export type PdfJob = PdfJobState & { pdf?: Buffer; error?: unknown; settled: Promise<void> };
export type PdfJobRequest = { campaign: string; name: string; pieces: { html: string; forms: number }[]; chromium?: string };

/**
 * The jobs of one server, by campaign code. A request while the campaign's job runs returns that job (the console then
 * shows its progress); a finished job keeps its PDF in memory until the campaign's next job replaces it.
 */
export function createPdfJobs(onError: (err: unknown, job: PdfJob) => void) {
  const jobs = createJobs<PdfJob>(onError);
  return {
    get: jobs.get,
    idle: jobs.idle,
    /** Starts a job unless one runs for the campaign; returns the job that runs. */
    start: (req: PdfJobRequest): PdfJob =>
      jobs.start({ campaign: req.campaign, name: req.name, formsDone: 0, formsTotal: req.pieces.reduce((n, p) => n + p.forms, 0) }, async (job) => ({
        pdf: await htmlPiecesToPdf(
          req.pieces.map((p) => p.html),
          { chromium: req.chromium, onPiece: (i) => (job.formsDone += req.pieces[i].forms) },
        ),
      })),
  };
}
