/** The password rule for staff accounts: long enough, not too long to hash, not a common password or the account name. */
import { COMMON_PASSWORDS } from './common-passwords';

/** Characters (code points), so that a Vietnamese letter counts once however it was typed. */
export const PASSWORD_MIN = 10;
/** Long passphrases are welcome; beyond this the hash would only be made to work for nothing. */
export const PASSWORD_MAX = 128;

export type PasswordProblem =
  | { kind: 'password_too_short'; min: number; where: 'password' }
  | { kind: 'password_too_long'; max: number; where: 'password' }
  | { kind: 'password_common'; where: 'password' }
  | { kind: 'password_is_name'; where: 'password' };

/** Lower case, without diacritics (đ as d), spaces, dots, hyphens or underscores: "Mật khẩu 123" and "matkhau123" are one password. */
export function normalizePassword(password: string): string {
  return password
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/[\s._-]/g, '');
}

const COMMON = new Set(COMMON_PASSWORDS);

/** Code points of the NFC form: a letter with two diacritics typed as three code points still counts as one. */
export const passwordLength = (password: string) => [...password.normalize('NFC')].length;

/** The first problem with a new password for account `name`, or undefined when it may be used. */
export function checkPassword(password: string, name: string): PasswordProblem | undefined {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN) return { kind: 'password_too_short', min: PASSWORD_MIN, where: 'password' };
  if (length > PASSWORD_MAX) return { kind: 'password_too_long', max: PASSWORD_MAX, where: 'password' };
  const plain = normalizePassword(password);
  // One character over and over ("aaaaaaaaaaaa", or only spaces and dots) is as weak as anything on the list.
  if (COMMON.has(plain) || /^(.)\1*$|^$/u.test(plain)) return { kind: 'password_common', where: 'password' };
  if (plain === normalizePassword(name)) return { kind: 'password_is_name', where: 'password' };
  return undefined;
}

/** English wording, for the CLI and logs. */
export function passwordProblemText(p: PasswordProblem): string {
  switch (p.kind) {
    case 'password_too_short':
      return `password must be at least ${p.min} characters`;
    case 'password_too_long':
      return `password must be at most ${p.max} characters`;
    case 'password_common':
      return 'password is too common: choose another (a long phrase is easy to remember and hard to guess)';
    case 'password_is_name':
      return 'password must not be the user name';
  }
}

/** Vietnamese wording, for the console. */
export function passwordProblemVi(p: PasswordProblem): string {
  switch (p.kind) {
    case 'password_too_short':
      return `Mật khẩu phải có ít nhất ${p.min} ký tự.`;
    case 'password_too_long':
      return `Mật khẩu không được dài quá ${p.max} ký tự.`;
    case 'password_common':
      return 'Mật khẩu này quá phổ biến, dễ bị đoán. Vui lòng chọn mật khẩu khác (một câu dài dễ nhớ là tốt nhất).';
    case 'password_is_name':
      return 'Mật khẩu không được trùng với tên đăng nhập.';
  }
}
