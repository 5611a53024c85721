/** The verification screen: one key answers the cell and is sent at once; Enter with nothing typed keeps the machine's reading; any other key is refused with the codes, as at the keying desk. */
// @ts-check
// Option codes, "*" (spoiled), Space or "-" (blank; 0 too where 0 is no option code) answer; without this script the
// same form posts what is typed and the server refuses what is not a code.
(() => {
  const box = document.getElementById('verify');
  const input = /** @type {HTMLInputElement} */ (document.getElementById('answer'));
  const msg = document.getElementById('verify-msg');
  if (!box || !input || !msg) return;
  /** @type {{ codes: string[]; zeroBlank: boolean }} */
  const { codes, zeroBlank } = JSON.parse(box.dataset.keys || '{}');
  const byKey = new Map(codes.map((c) => [c.toLowerCase(), c]));
  const form = /** @type {HTMLFormElement} */ (input.form);
  const valid = `${codes.join(', ')}, - (để trống)${zeroBlank ? ', 0 (để trống)' : ''}, * (nhiều dấu)`;
  input.focus();
  input.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    // Only printable keys answer or are refused; Enter, Tab, arrows and Backspace keep their usual work.
    if (e.key.length !== 1) return;
    e.preventDefault();
    const k = e.key.toLowerCase();
    let value = null;
    if (byKey.has(k)) value = byKey.get(k);
    else if (k === '*') value = '*';
    else if (k === ' ' || k === '-' || (k === '0' && zeroBlank)) value = '-';
    if (value == null) {
      // Nothing lands in the box: a refused key is never saved, not even as part of a later answer.
      msg.textContent = `${e.key} không phải mã: ${valid}`;
      msg.className = 'msg error';
      return;
    }
    msg.textContent = '';
    input.value = value;
    form.requestSubmit();
  });
})();
