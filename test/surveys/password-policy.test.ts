/** The password rule: length in characters, a cap for hashing, common passwords however they are spelled, not the account name. */
import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from '../../surveys/common-passwords';
import { checkPassword, normalizePassword, PASSWORD_MAX, PASSWORD_MIN } from '../../surveys/password-policy';

const ok = undefined;
const short = { kind: 'password_too_short', min: 10, where: 'password' };
const long = { kind: 'password_too_long', max: 128, where: 'password' };
const common = { kind: 'password_common', where: 'password' };
const isName = { kind: 'password_is_name', where: 'password' };

describe('checkPassword', () => {
  it.each([
    // length: 9 characters is short, 10 is enough
    ['trâu-đồng', 'lan', short],
    ['trâu-đồng!', 'lan', ok],
    // "ệ" typed as e + two combining marks is one character: 9 of them are 27 code points, still too short
    ['e\u0323\u0302'.repeat(9) + '', 'lan', short],
    // a long passphrase is welcome up to 128 characters; 129 is refused before any hashing
    ['Đồng lúa chín vàng trên quê hương Lai Châu '.repeat(3).slice(0, 128), 'lan', ok],
    ['x'.repeat(64) + 'y'.repeat(65), 'lan', long],
    // common passwords, also with capitals, diacritics, spaces, dots, hyphens or underscores
    ['matkhau123', 'lan', common],
    ['123456789a', 'lan', common],
    ['Mật khẩu 123', 'lan', common],
    ['MATKHAU_123', 'lan', common],
    ['Sonoivu@2026', 'lan', common],
    ['Anh yêu em 123', 'lan', common],
    ['qwertyuiop', 'lan', common],
    // one character over and over, or nothing but separators, at any length
    ['aaaaaaaaaaaa', 'lan', common],
    ['. . . . . . ', 'lan', common],
    // not the account name, however spelled
    ['Nguyễn.Văn.Lan', 'nguyen-van-lan', isName],
    ['nguyen-van-lan-1', 'nguyen-van-lan', ok],
  ])('%j for %s', (password, name, expected) => {
    expect(checkPassword(password, name)).toEqual(expected);
  });

  it('ships a few hundred common passwords, each written as normalizePassword leaves it and long enough to matter', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThan(300);
    for (const p of COMMON_PASSWORDS) {
      expect(normalizePassword(p), p).toBe(p);
      expect(p.length, p).toBeGreaterThanOrEqual(PASSWORD_MIN);
      expect(p.length, p).toBeLessThanOrEqual(PASSWORD_MAX);
    }
    expect(COMMON_PASSWORDS).toEqual(expect.arrayContaining(['matkhau123', '123456789a', 'anhyeuem123', '1234567890']));
  });
});
