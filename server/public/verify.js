/* The verification screen: one key answers the cell (an option code, "*", Space or "-" for blank) and is sent at once;
   Enter with nothing typed confirms the machine's reading. Without this script the same form posts what is typed. */
(() => {
  const box = document.getElementById('verify');
  const input = document.getElementById('answer');
  if (!box || !input) return;
  const { codes, zeroBlank } = JSON.parse(box.dataset.keys || '{}');
  const byKey = new Map(codes.map((c) => [c.toLowerCase(), c]));
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
    input.form.requestSubmit();
  });
})();
