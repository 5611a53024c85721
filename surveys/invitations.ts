/** Invitations to answer on the web (giấy mời) and the access-code list for the dispatching office: which forms get one, and what each says. */
import { formatAccessCode, normalizeAccessCode } from './access-code';
import type { Campaign } from './campaign';
import { toCsv } from './csv';
import { toMatrix, type Row } from './exports';
import { homeLabel } from './print-layout';
import { indexUnits } from './scope';

/** What a stored form contributes (a db form row has these fields). */
export type InvitationForm = {
  serial: string;
  accessCode: string;
  formCode: string;
  groupCode: string;
  homeUnit: string | null;
  channel: string;
  status: string;
};

export type Invitation = {
  serial: string;
  /** As printed: ABCD-EFGH-JKMN. */
  accessCode: string;
  /** `<base>/r/<CODE>`, the code without hyphens so that the link is the same however it is typed. */
  link: string;
  province: string;
  campaignName: string;
  formCode: string;
  groupName: string;
  homeName: string;
  /** Issued on `mixed`: the respondent also has the paper form, and answers only one of the two. */
  alsoOnPaper: boolean;
};

/**
 * Only forms that open on the web get an invitation (a `paper` form's code answers 403), and never a void one. Forms
 * already answered keep theirs, so that a reprint of a home unit's envelope matches the list sent before.
 */
export const invited = (f: Pick<InvitationForm, 'channel' | 'status'>): boolean => (f.channel === 'web' || f.channel === 'mixed') && f.status !== 'void';

/** The respondent's link: the base address without trailing slashes, then `/r/` and the bare code. */
export function respondLink(baseUrl: string, accessCode: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/r/${normalizeAccessCode(accessCode)}`;
}

/** One invitation per invited form, in the order given (the ledger's). */
export function buildInvitations(c: Campaign, forms: InvitationForm[], baseUrl: string): Invitation[] {
  const groupName = new Map(c.groups.map((g) => [g.code, g.name]));
  const units = indexUnits(c);
  return forms.filter(invited).map((f) => ({
    serial: f.serial,
    accessCode: formatAccessCode(f.accessCode),
    link: respondLink(baseUrl, f.accessCode),
    province: c.province,
    campaignName: c.name,
    formCode: f.formCode,
    groupName: groupName.get(f.groupCode) ?? f.groupCode,
    homeName: homeLabel(c, f.homeUnit, units),
    alsoOnPaper: f.channel === 'mixed',
  }));
}

export const ACCESS_CODE_COLUMNS = ['serial', 'access_code', 'link', 'form', 'group', 'home_unit', 'home_unit_name', 'channel', 'status'];

/** The dispatching office's list: one row per invitation, the same forms in the same order as the printed sheets. */
export function accessCodeRows(c: Campaign, forms: InvitationForm[], baseUrl: string): Row[] {
  const units = indexUnits(c);
  return forms.filter(invited).map((f) => ({
    serial: f.serial,
    access_code: formatAccessCode(f.accessCode),
    link: respondLink(baseUrl, f.accessCode),
    form: f.formCode,
    group: f.groupCode,
    home_unit: f.homeUnit ?? '',
    home_unit_name: homeLabel(c, f.homeUnit, units),
    channel: f.channel,
    status: f.status,
  }));
}

/** The list as a CSV file (UTF-8 BOM, CRLF, formula-safe), for the console's download and the CLI. */
export function accessCodesCsv(c: Campaign, forms: InvitationForm[], baseUrl: string): string {
  return toCsv(ACCESS_CODE_COLUMNS, toMatrix(ACCESS_CODE_COLUMNS, accessCodeRows(c, forms, baseUrl)));
}
