/** Finds the campaign a command names, or fails with the codes that exist; reads a print selection (--group, --home) the same way. */
import { getCampaign, listCampaigns, type StoredCampaign } from '../db/campaigns.repo';
import type { Db } from '../db/open';
import { selectionProblems, selectionText as selectionProblemText } from '../surveys/print-layout';
import { fail } from './io';

export function campaignOrFail(db: Db, code: string | undefined): StoredCampaign {
  if (!code) fail('name the campaign code');
  const c = getCampaign(db, code);
  if (!c)
    fail(
      `unknown campaign "${code}" (known: ${
        listCampaigns(db)
          .map((x) => x.code)
          .join(', ') || 'none'
      })`,
    );
  return c;
}

export type Selection = { group?: string; home?: string };

/** The --group and --home of a print-like command, checked against the campaign (fails listing the problems). */
export function selectionOrFail(c: StoredCampaign, values: Record<string, unknown>): Selection {
  const sel = { group: values.group as string | undefined, home: values.home as string | undefined };
  const problems = selectionProblems(c.def, sel);
  if (problems.length) fail(...problems.map((p) => selectionProblemText(p, 'en')));
  return sel;
}

/** " group G home unit U" for messages about a selection, or ''. */
export function selectionText(sel: Selection): string {
  return `${sel.group ? ` group ${sel.group}` : ''}${sel.home ? ` home unit ${sel.home}` : ''}`;
}
