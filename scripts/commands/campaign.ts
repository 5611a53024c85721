/** `campaign load <file>` and `campaign list`. */
import { listCampaigns, loadCampaign } from '../../db/campaigns.repo';
import type { Db } from '../../db/open';
import { campaignProblemText, campaignWarningText, checkCampaignText } from '../../surveys/campaign';
import { fail, readText } from '../io';
import type { Command } from '../command';

export const campaignCommand: Command = {
  usage: 'campaign load <file> | campaign list',
  options: {},
  run(db: Db, [sub, file]) {
    if (sub === 'list') {
      for (const c of listCampaigns(db)) {
        console.log([c.code, c.name, `${c.units} units`, `${c.forms} forms`, `${c.issued} issued`, `${c.counted} counted`].join('\t'));
      }
      return;
    }
    if (sub !== 'load' || !file) fail('usage: campaign load <file> | campaign list');
    const check = checkCampaignText(readText(file));
    if (!check.ok) fail(...check.problems.map((p) => campaignProblemText(p, 'en')));
    for (const w of check.warnings) console.error(`warning: ${campaignWarningText(w)}`);
    const outcome = loadCampaign(db, check.campaign, 'cli');
    if (!outcome.ok) fail(...outcome.problems);
    console.log(outcome.code);
  },
};
