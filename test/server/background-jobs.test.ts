/** The console's background jobs: one running job a campaign, its result kept until the next, and which visit follows a finished job and which starts a new one. */
import { describe, expect, it } from 'vitest';
import { type BackgroundJob, createJobs } from '../../server/background-jobs';

type Job = BackgroundJob & { n: number; result?: number };

describe('createJobs', () => {
  it('runs one job a campaign at a time; a finished job keeps its result until the next starts', async () => {
    const failed: unknown[] = [];
    const jobs = createJobs<Job>((err) => failed.push(err));
    let release = () => {};
    const first = jobs.start({ campaign: 'A', n: 1 }, () => new Promise((done) => (release = () => done({ result: 10 }))));
    expect(jobs.start({ campaign: 'A', n: 2 }, async () => ({ result: 20 }))).toBe(first);
    release();
    await jobs.idle();
    expect(jobs.get('A')).toMatchObject({ n: 1, status: 'done', result: 10 });
    const boom = jobs.start({ campaign: 'B', n: 3 }, async () => Promise.reject(new Error('boom')));
    await jobs.idle();
    expect([boom.status, failed]).toEqual(['failed', [new Error('boom')]]);
  });

  it('startOrFollow: the running job, or the finished one its progress page followed; any other visit starts anew', async () => {
    const jobs = createJobs<Job>(() => {});
    const run = (result: number) => async () => ({ result });
    const first = jobs.startOrFollow({ campaign: 'A', n: 1 }, undefined, run(1));
    expect(jobs.startOrFollow({ campaign: 'A', n: 2 }, undefined, run(2))).toBe(first); // still running: followed
    await jobs.idle();
    expect(jobs.startOrFollow({ campaign: 'A', n: 3 }, first.startedAt.getTime(), run(3))).toBe(first); // the page that followed it
    const fresh = jobs.startOrFollow({ campaign: 'A', n: 4 }, undefined, run(4)); // a fresh visit: today's data
    expect(fresh).not.toBe(first);
    await jobs.idle();
    expect(jobs.get('A')).toMatchObject({ n: 4, result: 4 });
  });
});
