/** The account and audit pages' views: every role worded, the person looking marked, audit actions named. */
import { describe, expect, it } from 'vitest';
import { actorName, auditDetailText, auditView, keyerNames, ROLE_NAMES, tokenOwners, usersView } from '../../surveys/account-views';
import { ROLES } from '../../surveys/roles';

describe('account views', () => {
  it('words every role', () => {
    expect(ROLES.filter((r) => !ROLE_NAMES[r])).toEqual([]);
  });

  it('names each account’s role and marks the person looking', () => {
    const view = usersView(
      [
        { id: 1, name: 'an', role: 'admin' as const },
        { id: 2, name: 'lan', role: 'keyer' as const },
      ],
      2,
    );
    expect(view.roles.map((r) => r.label)).toEqual(['Quản trị (Sở Nội vụ)', 'Giám sát viên', 'Nhân viên nhập phiếu']);
    expect(view.users.map((u) => [u.name, u.roleName, u.self])).toEqual([
      ['an', 'Quản trị (Sở Nội vụ)', false],
      ['lan', 'Nhân viên nhập phiếu', true],
    ]);
  });

  it.each([
    ['user.add', ['campaign.load', 'user.add'], [false, true]],
    [undefined, ['campaign.load', 'user.add'], [false, false]],
  ])('names audit actions and marks the filter %s', (chosen, actions, selected) => {
    const view = auditView([{ id: 7, action: 'campaign.load' }], actions, chosen);
    expect(view.rows).toEqual([{ id: 7, action: 'campaign.load', actorName: undefined, actionName: 'Nạp đợt điều tra', detailText: '' }]);
    expect(view.actions.map((a) => a.selected)).toEqual(selected);
    expect(view.actions[1].label).toBe('Thêm tài khoản');
  });

  it.each([
    [{ code: 'TQG-2026', version: 2 }, 'mã đợt: TQG-2026; phiên bản: 2'],
    [{ serial: '001170', reason: 'Phiếu rách', note: null }, 'số phiếu: 001170; lý do: Phiếu rách'],
    [{ x: { y: 1 } }, 'x: {"y":1}'],
    [{ issued: 1442, channel: 'mixed' }, 'số phiếu phát: 1.442; kênh: Giấy và trực tuyến'],
    [{ name: 'lan', role: 'keyer', id: 1234 }, 'tên: lan; vai trò: Nhân viên nhập phiếu; mã số: 1234'],
    // The audit once showed «pass: 1; operator: lan» for a keyed file, English keys on a Vietnamese screen.
    [
      { file: 'luot-1.csv', pass: 1, operator: 'lan', forms: 12, cells: 1200, batchId: 7 },
      'tệp: luot-1.csv; lượt: 1; người nhập: lan; số phiếu: 12; số ô: 1.200; lô: 7',
    ],
    [
      { file: 'lo-1.pdf', scannedBy: 'Thu', pages: 41, forms: 19, queued: 7, problems: 3 },
      'tệp: lo-1.pdf; người quét: Thu; số trang: 41; số phiếu: 19; số ô chờ xác nhận: 7; số trang chưa dùng được: 3',
    ],
    [
      { serial: '000013', unit: 'SNV', question: '1', machine: '3', answer: '' },
      'số phiếu: 000013; đơn vị: SNV; câu hỏi: 1; máy đọc: 3; giá trị chọn: để trống',
    ],
    [{ serial: '000013', reason: 'Rách', previous: 'keyed_once' }, 'số phiếu: 000013; lý do: Rách; trạng thái trước: đã nhập một lượt'],
    [{}, ''],
    [null, ''],
  ])('words the audit detail %j', (detail, text) => {
    expect(auditDetailText(detail)).toBe(text);
  });

  it.each([
    ['system', 'hệ thống'],
    ['cli', 'dòng lệnh'],
    ['lan', 'lan'],
  ])('names the actor %s', (actor, name) => {
    expect(actorName(actor)).toBe(name);
  });

  const people = [
    { id: 1, name: 'an', role: 'admin' as const, disabled: false },
    { id: 2, name: 'binh', role: 'supervisor' as const, disabled: false },
    { id: 3, name: 'cu', role: 'supervisor' as const, disabled: true },
    { id: 4, name: 'lan', role: 'keyer' as const, disabled: false },
    { id: 5, name: 'minh', role: 'keyer' as const, disabled: true },
  ];

  it('offers as token owners the enabled admins and supervisors, the person looking chosen', () => {
    expect(tokenOwners(people, 2).map((u) => [u.name, u.selected])).toEqual([
      ['an', false],
      ['binh', true],
    ]);
  });

  it('credits keyed files to enabled keyers only', () => {
    expect(keyerNames(people)).toEqual(['lan']);
  });
});
