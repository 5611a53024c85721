/** Why an account or an API token cannot be created or changed: problem values, worded for the CLI and the console. */
import { passwordProblemText, passwordProblemVi, type PasswordProblem } from './password-policy';
import { catalogue, problemText, type Lang, type Where } from './problems';

export type AccountProblem =
  | { kind: 'password-refused'; password: PasswordProblem; where?: Where }
  | { kind: 'user-name-invalid'; where?: Where }
  | { kind: 'user-exists'; name: string; where?: Where }
  | { kind: 'user-unknown'; id: number; where?: Where }
  | { kind: 'token-owner-disabled'; where?: Where }
  | { kind: 'token-owner-role'; where?: Where }
  | { kind: 'token-name-length'; where?: Where };

export const ACCOUNT_TEXT = catalogue<AccountProblem>({
  'password-refused': { en: (p) => passwordProblemText(p.password), vi: (p) => passwordProblemVi(p.password) },
  'user-name-invalid': {
    en: () => 'user name must be 2–40 letters, digits, ".", "_" or "-"',
    vi: () => 'Tên đăng nhập phải có 2–40 chữ cái, chữ số, ".", "_" hoặc "-".',
  },
  'user-exists': { en: (p) => `user ${p.name} already exists`, vi: () => 'Tên đăng nhập này đã có.' },
  'user-unknown': { en: (p) => `no user with id ${p.id}`, vi: () => 'Không có tài khoản này.' },
  'token-owner-disabled': { en: () => 'the token owner must be an enabled account', vi: () => 'Chủ của mã truy cập phải là tài khoản đang hoạt động.' },
  'token-owner-role': {
    en: () => 'only admin and supervisor accounts may hold API tokens',
    vi: () => 'Chỉ tài khoản quản trị hoặc giám sát viên mới có mã truy cập API.',
  },
  'token-name-length': { en: () => 'the token name must be 1–80 characters', vi: () => 'Tên mã truy cập phải có 1–80 ký tự.' },
});

export const accountText = (p: AccountProblem, lang: Lang) => problemText(ACCOUNT_TEXT, p, lang);
