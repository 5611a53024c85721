/** Whole-run PDFs made in the background, one at a time per campaign, so the console can show progress and then a download. */
import type { PdfJobState } from '../../surveys/print-job';
import { htmlPiecesToPdf } from './pdf';

export type PdfJob = PdfJobState & { pdf?: Buffer; error?: unknown; settled: Promise<void> };
export type PdfJobRequest = { campaign: string; name: string; pieces: { html: string; forms: number }[]; chromium?: string };

/**
 * The jobs of one server, by campaign code. A request while the campaign's job runs returns that job (the console then
 * shows its progress); a finished job keeps its PDF in memory until the campaign's next job replaces it.
 */
export function createPdfJobs(onError: (err: unknown, job: PdfJob) => void) {
  const jobs = new Map<string, PdfJob>();
  return {
    get: (campaign: string): PdfJob | undefined => jobs.get(campaign),
    /** Starts a job unless one runs for the campaign; returns the job that runs. */
    start(req: PdfJobRequest): PdfJob {
      const running = jobs.get(req.campaign);
      if (running?.status === 'running') return running;
      const job: PdfJob = {
        campaign: req.campaign,
        name: req.name,
        formsDone: 0,
        formsTotal: req.pieces.reduce((n, p) => n + p.forms, 0),
        startedAt: new Date(),
        status: 'running',
        settled: Promise.resolve(),
      };
      jobs.set(req.campaign, job);
      job.settled = htmlPiecesToPdf(
        req.pieces.map((p) => p.html),
        { chromium: req.chromium, onPiece: (i) => (job.formsDone += req.pieces[i].forms) },
      ).then(
        (pdf) => {
          Object.assign(job, { pdf, status: 'done', finishedAt: new Date() });
        },
        (err: unknown) => {
          Object.assign(job, { error: err, status: 'failed', finishedAt: new Date() });
          onError(err, job);
        },
      );
      return job;
    },
    /** Resolves when every job has ended (a closing server waits for its browser to finish and exit). */
    async idle(): Promise<void> {
      await Promise.all([...jobs.values()].map((j) => j.settled));
    },
  };
}
