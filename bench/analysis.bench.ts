/** The analysis (bootstrap of 1,000 replicates included) for the provincial sample and a national-size commune campaign, against the floor of scoring 1,000 times. */
import { analyseStored } from '../db/analysis.repo';
import { loadTallies, loadSelfPoints } from '../db/scores.repo';
import { openDb } from '../db/open';
import { scoreCampaign } from '../surveys/scoring';
import { answerEveryForm } from '../test/helpers/answer-all';
import { SAMPLE_CAMPAIGN, seedCampaign } from '../test/helpers/seed';
import { scaleCampaign } from './scale.bench';

const REPLICATES = 1000;
// 3,321 communes: the count after the 2025 mergers, each rated by 2 of its leaders on 5 questions.
const NATIONAL_UNITS = Number(process.env.BENCH_ANALYSIS_UNITS ?? 3321);

function run(label: string, opts: Parameters<typeof seedCampaign>[1]) {
  const db = openDb(':memory:');
  const { c } = seedCampaign(db, opts);
  const cells = answerEveryForm(db, c.code);
  const t0 = performance.now();
  const a = analyseStored(db, c, { replicates: REPLICATES });
  const analysis = performance.now() - t0;
  // The floor: the scoring function on the campaign's tallies, as many times as there are replicates.
  const tallies = loadTallies(db, c.id);
  const self = loadSelfPoints(db, c.id);
  const t1 = performance.now();
  for (let r = 0; r < REPLICATES; r++) scoreCampaign(c.def, tallies, self);
  const floor = performance.now() - t1;
  console.log(
    `${label}: ${c.def.units.length.toLocaleString('en')} units, ${cells.toLocaleString('en')} cells, ${a.scores.cells.length.toLocaleString('en')} score cells`,
  );
  console.log(`  analysis with ${REPLICATES} replicates: ${(analysis / 1000).toFixed(2)} s (target for the provincial sample < 5 s)`);
  console.log(`  floor (scoring ${REPLICATES} times):   ${(floor / 1000).toFixed(2)} s; ratio ${(analysis / floor).toFixed(2)}×`);
}

export async function bench(): Promise<void> {
  run('provincial sample (Lai Châu 2020)', { file: SAMPLE_CAMPAIGN });
  run(`national-size communes (${NATIONAL_UNITS.toLocaleString('en')})`, { json: JSON.parse(JSON.stringify(scaleCampaign(NATIONAL_UNITS))) });
}
