/** One timed scoring run in a fresh process, so that its peak memory (maxRSS) belongs to that run alone. */
import { getCampaign } from '../db/campaigns.repo';
import { openDb } from '../db/open';
import { scoreStored } from '../db/scores.repo';

const [dbPath, code, mode] = process.argv.slice(2);
const db = openDb(dbPath);
const c = getCampaign(db, code)!;
const started = process.hrtime.bigint();
let rows: number;
if (mode === 'engine') {
  // The whole production path: SQL tallies (and self points, none here), then the pure engine over every (unit, criterion).
  const result = scoreStored(db, c);
  rows = result.cells.length;
} else {
  // The floor: SQLite alone summing fractions per (group, criterion, unit) through mapping tables.
  rows = db.$client
    .prepare(
      `select f.group_code, m.criterion, s.unit, count(*) n, sum(o.fraction) total
       from form_instances f
       join submission_cells s on s.submission_id = f.final_submission_id
       join bench_question m on m.group_code = f.group_code and m.question = s.question
       join bench_option o on o.answer = s.answer
       where f.campaign_id = ? and f.status = 'counted' and o.fraction is not null
       group by f.group_code, m.criterion, s.unit`,
    )
    .all(c.id).length;
}
const ms = Number(process.hrtime.bigint() - started) / 1e6;
console.log(JSON.stringify({ ms, rows, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
