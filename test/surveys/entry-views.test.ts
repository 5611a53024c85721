/** The back office's page views, pure, on the mini campaign (test/fixtures/mini-campaign.json: Sở An, Sở Bình; group G1 rates both, G2 its own). */
import { describe, expect, it } from 'vitest';
import {
  campaignChoices,
  conflictFormView,
  deskDefaultCampaign,
  conflictListView,
  ledgerView,
  settledNotice,
  type LedgerLine,
} from '../../surveys/entry-views';
import type { LedgerForm } from '../../surveys/ledger';
import { miniCampaign } from '../helpers/campaigns';

const c = miniCampaign();
const form = (serial: string, over: Partial<LedgerForm> = {}): LedgerForm => ({
  serial,
  groupCode: 'G1',
  homeUnit: null,
  targets: ['SA', 'SB'],
  status: 'conflict',
  countedFrom: null,
  pass1Operator: 'lan',
  pass2Operator: 'minh',
  pass1LoadedBy: null,
  pass2LoadedBy: null,
  ...over,
});

describe('reconciliation list', () => {
  it('counts the differing cells of each form, in the order they come, with its home as printed', () => {
    // 0001 differs in 2 cells, 0002 in 1: the lines say 2 and 1.
    const ledger = new Map([
      ['0001', form('0001')],
      ['0002', form('0002', { groupCode: 'G2', homeUnit: 'SB', targets: ['SB'] })],
    ]);
    const lines = conflictListView(c, ledger, [{ serial: '0001' }, { serial: '0002' }, { serial: '0001' }]);
    expect(lines).toEqual([
      { serial: '0001', cells: 2, formCode: 'F1', groupName: c.groups[0].name, homeName: 'Toàn tỉnh Tỉnh Thử', pass1: 'lan', pass2: 'minh' },
      { serial: '0002', cells: 1, formCode: 'F1', groupName: c.groups[1].name, homeName: 'Sở Bình', pass1: 'lan', pass2: 'minh' },
    ]);
  });

  it.each([
    ['0001', 'counted', { serial: '0001', outcome: 'đã được tính' }],
    ['0001', 'invalid', { serial: '0001', outcome: 'không hợp lệ vì quá nhiều ô trống hoặc hỏng' }],
    ['0001', 'other', null],
    [undefined, 'counted', null],
  ])('says what settling %s did (%s)', (serial, outcome, said) => {
    expect(settledNotice(serial, outcome)).toEqual(said);
  });
});

describe('reconciliation form', () => {
  it('labels both passes, keeps the supervisor’s choices, and offers every option, spoiled and blank', () => {
    const view = conflictFormView(c, form('0001'), [{ unit: 'SB', question: '2', pass1: '1', pass2: '*' }], { 'SB.2': 'other' }, { 'SB.2': 'blank' });
    expect(view.title).toBe('Đối chiếu phiếu 0001');
    expect(view.cells).toHaveLength(1);
    const cell = view.cells[0];
    expect([cell.field, cell.unitName, cell.choice]).toEqual(['SB.2', 'Sở Bình', 'other']);
    expect(cell.pass1).toContain('Rất tốt');
    // 5 options of MD4, then spoiled and blank; only blank is chosen.
    expect(cell.otherChoices.map((o) => o.value)).toEqual(['1', '2', '3', '4', '9', '*', 'blank']);
    expect(cell.otherChoices.filter((o) => o.selected).map((o) => o.value)).toEqual(['blank']);
  });
});

describe('ledger', () => {
  const line = (serial: string, status: LedgerLine['status'], over: Partial<LedgerLine> = {}): LedgerLine => ({
    serial,
    formCode: 'F1',
    groupCode: 'G1',
    homeUnit: null,
    status,
    invalidReason: null,
    countedFrom: null,
    ...over,
  });
  const all = [
    line('0001', 'counted', { countedFrom: 'web' }),
    line('0002', 'invalid', { invalidReason: 'Phiếu bị rách' }),
    line('0003', 'counted', { countedFrom: 'paper' }),
  ];

  it('counts every status and lists only the chosen one', () => {
    const view = ledgerView(c, all, 'counted');
    expect(view.total).toBe(3);
    expect(view.counts.find((x) => x.status === 'counted')).toMatchObject({ n: 2, selected: true });
    expect(view.counts.find((x) => x.status === 'invalid')).toMatchObject({ n: 1, selected: false });
    expect(view.forms.map((f) => [f.serial, f.countedFrom])).toEqual([
      ['0001', 'trực tuyến'],
      ['0003', 'phiếu giấy'],
    ]);
  });

  it('lists every form when no status is chosen, an invalid one with its reason', () => {
    const view = ledgerView(c, all, undefined);
    expect(view.forms.map((f) => f.serial)).toEqual(['0001', '0002', '0003']);
    expect(view.forms[1]).toMatchObject({ invalid: true, reason: 'Phiếu bị rách' });
  });
});

describe('desk campaign picker', () => {
  it.each([
    [[{ code: 'A', name: 'a' }], 'A', [true], false],
    [
      [
        { code: 'A', name: 'a' },
        { code: 'B', name: 'b' },
      ],
      'B',
      [false, true],
      true,
    ],
  ])('%j with %s chosen', (list, chosen, selected, multiple) => {
    const view = campaignChoices(list, chosen);
    expect(view.campaigns.map((x) => x.selected)).toEqual(selected);
    expect(view.multiple).toBe(multiple);
  });
});

describe('the campaign a desk opens without one', () => {
  const c = (code: string, year: number, issued: number) => ({ code, year, issued });
  it.each([
    ['none loaded', [], undefined],
    ['the newest with issued forms, before a newer one without', [c('A-2025', 2025, 10), c('B-2026', 2026, 0)], 'A-2025'],
    ['the newest when several have forms', [c('A-2025', 2025, 10), c('B-2026', 2026, 3)], 'B-2026'],
    ['by code within a year', [c('Z-2026', 2026, 1), c('M-2026', 2026, 1)], 'M-2026'],
  ])('%s', (_, list, code) => {
    expect(deskDefaultCampaign(list)).toBe(code);
  });
});
