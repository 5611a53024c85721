/** Vietnamese names of the codes a campaign file uses for levels and scopes, for every page and export people read. */
import type { Group } from './campaign';

const LEVEL_NAMES: Record<string, string> = { so: 'Sở, ban, ngành', huyen: 'UBND cấp huyện', xa: 'UBND cấp xã' };

/** Levels are data; the three the index knows get their Vietnamese names, any other shows its code. */
export const levelName = (level: string) => LEVEL_NAMES[level] ?? `Cấp ${level}`;

const SCOPE_NAMES: Record<Group['scope'], string> = { all: 'mọi đơn vị', own: 'đơn vị mình', parent: 'đơn vị cấp trên', linked: 'danh sách liên kết' };

export const scopeName = (scope: Group['scope']) => SCOPE_NAMES[scope] ?? scope;

/** Where a group's respondents work: the whole province, or a level of units. */
export const homeName = (home: Group['home']) => (home === 'province' ? 'Toàn tỉnh' : levelName(home));

/** How a campaign combines its groups' answers (scoring.combine), in the words of the survey plan. */
const COMBINE_NAMES: Record<string, string> = {
  'group-equal': 'bình quân theo nhóm đối tượng (có trọng số)',
  pooled: 'bình quân chung mọi câu trả lời',
};

export const combineName = (combine: string) => COMBINE_NAMES[combine] ?? combine;

/** What a criterion without any answer scores (scoring.noData), in the words of the survey plan. */
const NO_DATA_NAMES: Record<string, string> = { zero: 'tính 0 điểm', exclude: 'không tính vào điểm tối đa' };

export const noDataName = (noData: string) => NO_DATA_NAMES[noData] ?? noData;

/** What completes a paper form read by the scanner (scanCompletion), in the Sở Nội vụ's words. */
const SCAN_COMPLETION_NAMES: Record<string, string> = {
  doubleEntry: 'máy đọc là lượt 1, một người nhập lượt 2',
  verify: 'máy đọc, người xác nhận các ô máy chưa chắc',
};

export const scanCompletionName = (mode: string) => SCAN_COMPLETION_NAMES[mode] ?? mode;

/** A score cell's status (OK, LOW_N, NO_DATA as in the exports) as people read it on the console. */
const STATUS_NAMES: Record<string, string> = { OK: 'Đủ dữ liệu', LOW_N: 'Ít câu trả lời', NO_DATA: 'Chưa có dữ liệu' };

export const cellStatusName = (status: string) => STATUS_NAMES[status] ?? status;

/** What each audit-log action means, for the log page (the action code stays in its tooltip and in the database). */
const AUDIT_ACTION_NAMES: Record<string, string> = {
  'campaign.load': 'Nạp đợt điều tra',
  'campaign.replace': 'Thay tệp đợt điều tra',
  'forms.issue': 'Phát phiếu',
  'entry.import': 'Nhập một lượt phiếu',
  'entry.resolve': 'Đối chiếu một ô lệch',
  'scan.import': 'Đọc phiếu quét',
  'scan.verify': 'Xác nhận ô phiếu quét',
  'form.invalidate': 'Đánh dấu phiếu không hợp lệ',
  'self.import': 'Nạp điểm tự đánh giá',
  'user.add': 'Thêm tài khoản',
  'user.disable': 'Khóa tài khoản',
  'user.enable': 'Mở khóa tài khoản',
  'user.password': 'Đặt lại mật khẩu',
  'user.logout_all': 'Đăng xuất mọi phiên',
  'user.login': 'Đăng nhập',
  'token.create': 'Tạo mã truy cập API',
  'token.revoke': 'Thu hồi mã truy cập API',
  'web.save': 'Lưu tạm phiếu trực tuyến',
  'web.submit': 'Gửi phiếu trực tuyến',
  'web.duplicate': 'Phiếu trực tuyến trùng phiếu giấy',
};

export const auditActionName = (action: string) => AUDIT_ACTION_NAMES[action] ?? action;
