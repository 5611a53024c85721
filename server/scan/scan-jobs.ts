/** Scan imports run in the background for the console, one at a time per campaign, so a long scan shows its progress and then its result page. */
import { type BackgroundJob, createJobs } from '../background-jobs';
import type { ScanImportOutcome, ScanImportProgress } from './import-scans';

export type ScanJob = BackgroundJob & {
  /** The files of the upload, in the order sent. */
  fileNames: string[];
  /** Who scanned the paper (typed on the form) and who loaded the file (signed in). */
  scannedBy: string;
  by: string;
  progress: ScanImportProgress;
  result?: ScanImportOutcome;
};

/** The jobs of one server by campaign code; the last one of a campaign is kept (with its result) until the next starts. */
export function createScanJobs(onError: (err: unknown, job: ScanJob) => void) {
  const jobs = createJobs<ScanJob>(onError);
  return {
    get: jobs.get,
    idle: jobs.idle,
    /** Starts `run` unless a job of the campaign runs; returns the job that runs. */
    start: (
      req: { campaign: string; fileNames: string[]; scannedBy: string; by: string },
      run: (onProgress: (p: ScanImportProgress) => void) => Promise<ScanImportOutcome>,
    ): ScanJob =>
      jobs.start({ ...req, progress: { files: req.fileNames.length, filesDone: 0, pages: 0, pagesRead: 0 } }, async (job) => ({
        result: await run((p) => (job.progress = p)),
      })),
  };
}
