/** The campaign workbook (.xlsx) for people: a campaign written as sheets with a guide and dropdowns, and a file (workbook or JSON) read back and checked. */
import type { Campaign } from '../../surveys/campaign';
import type { CampaignProblem, CampaignWarning } from '../../surveys/campaign-problems';

export type CampaignFileCheck = { ok: true; campaign: Campaign; warnings: CampaignWarning[] } | { ok: false; problems: CampaignProblem[] };

/** The workbook of a campaign; `null` gives the empty template (guide, headings and dropdowns, no rows). */
export async function campaignWorkbook(def: Campaign | null): Promise<Buffer> {
  throw new Error(`campaignWorkbook: not built yet (${def?.code ?? 'template'})`);
}

/**
 * Reads a campaign file, a workbook (.xlsx) or JSON, told apart by its bytes and not only its name, and checks it
 * whole. Problems name the sheet, Excel row and column heading (workbook) or the JSON path.
 */
export async function readCampaignFile(bytes: Uint8Array, fileName: string): Promise<CampaignFileCheck> {
  throw new Error(`readCampaignFile: not built yet (${fileName}, ${bytes.length} bytes)`);
}
