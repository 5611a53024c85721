/** Which forms get a web invitation, what each says, and the access-code list, on the mini campaign worked by hand. */
import { describe, expect, it } from 'vitest';
import { accessCodesCsv, buildInvitations, invited, respondLink, type InvitationForm } from '../../surveys/invitations';
import { miniCampaign } from '../helpers/campaigns';

const c = miniCampaign();
const form = (serial: string, channel: string, status: string, groupCode = 'G2', homeUnit: string | null = 'SA'): InvitationForm => ({
  serial,
  accessCode: `ABCDEFGHJK${serial.slice(-2)}`,
  formCode: 'F1',
  groupCode,
  homeUnit,
  channel,
  status,
});

describe('invited', () => {
  it.each([
    ['web', 'issued', true],
    ['mixed', 'draft', true],
    ['mixed', 'counted', true], // a reprinted envelope matches the list sent before
    ['web', 'invalid', true],
    ['web', 'void', false],
    ['mixed', 'void', false],
    ['paper', 'issued', false], // its code answers 403 on the web
    ['paper', 'keyed_once', false],
  ])('%s form, status %s: %s', (channel, status, expected) => {
    expect(invited({ channel, status })).toBe(expected);
  });
});

describe('respondLink', () => {
  it.each([
    ['https://khaosat.snv.laichau.gov.vn', 'ABCD-EFGH-JKMN', 'https://khaosat.snv.laichau.gov.vn/r/ABCDEFGHJKMN'],
    ['https://khaosat.snv.laichau.gov.vn/', 'abcdefghjkmn', 'https://khaosat.snv.laichau.gov.vn/r/ABCDEFGHJKMN'],
    ['http://10.0.0.5:3000/cchc//', 'abcd efgh jkmn', 'http://10.0.0.5:3000/cchc/r/ABCDEFGHJKMN'],
  ])('%s + %s', (base, code, link) => {
    expect(respondLink(base, code)).toBe(link);
  });
});

describe('buildInvitations', () => {
  it('one per web or mixed form, in the order given, with the printed code, the link and who it is for', () => {
    const forms = [
      form('000013', 'web', 'issued', 'G1', null),
      form('000021', 'paper', 'issued'),
      form('000037', 'mixed', 'draft'),
      form('000045', 'web', 'void'),
    ];
    expect(buildInvitations(c, forms, 'https://ks.example.vn/')).toEqual([
      {
        serial: '000013',
        accessCode: 'ABCD-EFGH-JK13',
        link: 'https://ks.example.vn/r/ABCDEFGHJK13',
        province: 'Tỉnh Thử',
        campaignName: 'Điều tra thử nghiệm',
        formCode: 'F1',
        groupName: 'Đại biểu HĐND tỉnh',
        homeName: 'Toàn tỉnh Tỉnh Thử',
        alsoOnPaper: false,
      },
      {
        serial: '000037',
        accessCode: 'ABCD-EFGH-JK37',
        link: 'https://ks.example.vn/r/ABCDEFGHJK37',
        province: 'Tỉnh Thử',
        campaignName: 'Điều tra thử nghiệm',
        formCode: 'F1',
        groupName: 'Công chức các sở',
        homeName: 'Sở An',
        alsoOnPaper: true,
      },
    ]);
  });

  it('none for a run issued on paper only', () => {
    expect(buildInvitations(c, [form('000013', 'paper', 'issued')], 'https://ks.example.vn')).toEqual([]);
  });
});

describe('accessCodesCsv', () => {
  it('BOM, CRLF, the same forms as the invitations, and names that look like formulas shown as text', () => {
    const hostile = miniCampaign((raw) => (raw.units[0].name = '=HYPERLINK("http://x","Sở An")'));
    const forms = [form('000013', 'web', 'issued', 'G1', null), form('000021', 'paper', 'issued'), form('000037', 'mixed', 'counted')];
    expect(accessCodesCsv(hostile, forms, 'https://ks.example.vn')).toBe(
      '\uFEFFserial,access_code,link,form,group,home_unit,home_unit_name,channel,status\r\n' +
        '000013,ABCD-EFGH-JK13,https://ks.example.vn/r/ABCDEFGHJK13,F1,G1,,Toàn tỉnh Tỉnh Thử,web,issued\r\n' +
        '000037,ABCD-EFGH-JK37,https://ks.example.vn/r/ABCDEFGHJK37,F1,G2,SA,"\'=HYPERLINK(""http://x"",""Sở An"")",mixed,counted\r\n',
    );
  });
});
