/** The layout map of printed forms measured in Chromium (issue 15). Placeholder until the measurement lands. */
import type { Campaign } from '../../surveys/campaign';
import type { LayoutMap } from '../../surveys/omr/layout-map';
import type { PrintableForm } from '../../surveys/print-layout';

/** Where every registration mark, QR code and tick box of the given forms sits, in mm on each printed page. */
export async function measureLayoutMap(_c: Campaign, _forms: PrintableForm[], _opts: { chromium?: string } = {}): Promise<LayoutMap> {
  throw new Error('the layout map is not built yet');
}
