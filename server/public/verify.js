/** The verification screen: one key answers the cell and is sent at once; Enter with nothing typed keeps the machine's reading. */
// @ts-check
// Option codes, "*" (spoiled), Space or "-" (blank; 0 too where 0 is no option code) answer; without this script the
// same form posts what is typed.
(() => {
  const box = document.getElementById('verify');
  const input = /** @type {HTMLInputElement} */ (document.getElementById('answer'));
  if (!box || !input) return;
  /** @type {{ codes: string[]; zeroBlank: boolean }} */
  const { codes, zeroBlank } = JSON.parse(box.dataset.keys || '{}');
  const byKey = new Map(codes.map((c) => [c.toLowerCase(), c]));
  const form = /** @type {HTMLFormElement} */ (input.form);
  input.focus();
  input.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    const k = e.key.toLowerCase();
    let value = null;
    if (byKey.has(k)) value = byKey.get(k);
    else if (k === '*') value = '*';
    else if (k === ' ' || k === '-' || (k === '0' && zeroBlank)) value = '-';
    if (value === null) return;
    e.preventDefault();
    input.value = value;
    form.requestSubmit();
  });
})();
