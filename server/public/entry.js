/** The keying desk: serial → form → one key per cell → Enter saves the pass; no reloads, no mouse, drafts survive a closed tab. */
// @ts-check
/**
 * The form as GET /entry/form/<campaign>/<serial> sends it (DeskView in surveys/keying-desk.ts, which this script cannot import).
 * @typedef {{ serial: string, pass: 1 | 2, formCode: string, groupName: string, homeName: string, units: { code: string, name: string }[],
 *   questions: { code: string, text: string }[], options: { code: string, label: string }[], blankKeys: string[],
 *   pages: { units: number[], questions: number[] }[] }} DeskView
 */
/** @typedef {{ unit: string, question: string, td: HTMLElement }} DeskCell */
/** @typedef {{ view: DeskView, order: DeskCell[], values: (string | null)[], pos: number, grid: HTMLElement, progress: HTMLElement }} DeskState */
(() => {
  'use strict';
  const desk = document.getElementById('desk');
  if (!desk) return;
  const campaign = /** @type {string} */ (desk.dataset.campaign);
  const user = desk.dataset.user;
  const csrf = /** @type {string} */ (desk.dataset.csrf);
  const serialForm = /** @type {HTMLFormElement} */ (document.getElementById('serial-form'));
  const serialInput = /** @type {HTMLInputElement} */ (document.getElementById('serial'));
  const msg = document.getElementById('desk-msg');
  const box = document.getElementById('form');
  const draftsBox = document.getElementById('drafts');

  // The Damm table and the shortest serial come with the page from surveys/serial.ts (SERIAL_RULE), so that a
  // mistyped serial is caught before anything is asked of the server, by the same rule the server applies.
  /** @type {{ damm: number[][]; minLength: number }} */
  const rule = JSON.parse(desk.dataset.serialRule ?? '');
  const damm = (/** @type {string} */ s) => [...s].reduce((i, ch) => rule.damm[i][ch.charCodeAt(0) - 48], 0);

  const draftPrefix = `cchc-entry|${campaign}|${user}|`;
  /** @type {DeskState | null} the open form, null while the desk waits for a serial */
  let state = null;

  /** @param {string} text @param {string} [kind] */
  function say(text, kind) {
    msg.textContent = text;
    msg.className = `msg ${kind || ''}`;
  }

  /** @param {string} tag @param {Record<string, string>} [attrs] @param {...(Node | string)} children */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v;
      else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c);
    return e;
  }

  // ---- drafts (localStorage, per campaign + user + serial) --------------------------------------------------------

  function saveDraft() {
    if (!state) return;
    try {
      localStorage.setItem(draftPrefix + state.view.serial, JSON.stringify({ values: state.values, pos: state.pos, at: Date.now() }));
    } catch {
      /* storage full or disabled: keying still works, only the safety net is gone */
    }
  }

  /** @param {string} serial @param {number} length @returns {{ values: (string | null)[], pos: number } | null} */
  function loadDraft(serial, length) {
    try {
      const d = JSON.parse(localStorage.getItem(draftPrefix + serial) || 'null');
      if (d && Array.isArray(d.values) && d.values.length === length) return d;
    } catch {
      /* a broken draft is ignored */
    }
    return null;
  }

  /** @param {string} serial */
  function dropDraft(serial) {
    try {
      localStorage.removeItem(draftPrefix + serial);
    } catch {
      /* ignore */
    }
  }

  function showDrafts() {
    const serials = [];
    try {
      for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i);
        if (k && k.startsWith(draftPrefix)) serials.push(k.slice(draftPrefix.length));
      }
    } catch {
      /* ignore */
    }
    draftsBox.replaceChildren();
    draftsBox.hidden = serials.length === 0;
    if (serials.length) draftsBox.append(`Phiếu đang nhập dở trên máy này: ${serials.sort().join(', ')} (gõ lại số phiếu để tiếp tục).`);
  }

  // ---- the form -----------------------------------------------------------------------------------------------------

  /** @param {string | null} value */
  function shown(value) {
    if (value === null) return '';
    if (value === '') return '·';
    return value;
  }

  /** @param {number} i */
  function paint(i) {
    const cell = state.order[i];
    const v = state.values[i];
    cell.td.textContent = shown(v);
    cell.td.className = `cell${v === '' ? ' blank' : ''}${v === '*' ? ' spoiled' : ''}${i === state.pos ? ' cur' : ''}`;
  }

  /** @param {number} pos */
  function moveTo(pos) {
    const old = state.pos;
    state.pos = Math.max(0, Math.min(pos, state.order.length - 1));
    paint(old);
    paint(state.pos);
    state.order[state.pos].td.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    progress();
  }

  function progress() {
    const done = state.values.filter((v) => v !== null).length;
    state.progress.textContent = `Đã nhập ${done}/${state.values.length} ô`;
  }

  /** @param {DeskView} view */
  function render(view) {
    /** @type {DeskCell[]} */
    const order = [];
    const tdAt = new Map();
    const pages = el('div', { class: 'grid-wrap', tabindex: '0', id: 'grid', 'aria-label': `Ma trận phiếu ${view.serial}: gõ một phím cho mỗi ô` });
    view.pages.forEach((p, pi) => {
      if (view.pages.length > 1) pages.append(el('h3', {}, `Trang ${pi + 1}/${view.pages.length}`));
      const head = el('tr', {}, el('th', {}, 'Câu'), el('th', {}, 'Nội dung'));
      for (const u of p.units) head.append(el('th', { class: 'u', title: view.units[u].name }, view.units[u].name));
      const body = el('tbody');
      for (const q of p.questions) {
        const tr = el('tr', {}, el('th', {}, view.questions[q].code), el('td', { class: 'q' }, view.questions[q].text));
        for (const u of p.units) {
          const td = el('td', { class: 'cell', 'data-unit': view.units[u].code, 'data-question': view.questions[q].code });
          tr.append(td);
          order.push({ unit: view.units[u].code, question: view.questions[q].code, td });
          tdAt.set(td, order.length - 1);
        }
        body.append(tr);
      }
      pages.append(el('table', { class: 'grid' }, el('thead', {}, head), body));
    });
    const progressEl = el('p', { class: 'progress' });
    const legend = view.options.map((o) => `${o.code} = ${o.label}`).join(' · ');
    const blankHelp = view.blankKeys.includes('0') ? 'dấu cách hoặc 0 = trống' : 'dấu cách = trống';
    box.replaceChildren(
      el('h2', {}, `Phiếu ${view.serial} — Mẫu ${view.formCode}`),
      el(
        'p',
        { class: 'heading' },
        `Nhóm đối tượng: ${view.groupName} · Nơi công tác: ${view.homeName} · `,
        el('span', { class: 'pass' }, `Lượt nhập ${view.pass}`),
      ),
      el('p', { class: 'muted' }, `${legend} · * = hỏng · ${blankHelp}`),
      progressEl,
      pages,
    );
    box.hidden = false;
    const draft = loadDraft(view.serial, order.length);
    state = {
      view,
      order,
      values: draft ? draft.values : order.map(() => /** @type {string | null} */ (null)),
      pos: draft ? Math.min(draft.pos, order.length - 1) : 0,
      grid: pages,
      progress: progressEl,
    };
    order.forEach((_, i) => paint(i));
    progress();
    if (draft) say(`Đã khôi phục ${draft.values.filter((v) => v !== null).length} ô đã nhập trước đó cho phiếu ${view.serial}.`, 'ok');
    else say(`Phiếu ${view.serial}: kiểm tra tiêu đề với phiếu giấy rồi nhập từng ô.`, '');
    pages.addEventListener('keydown', onKey);
    pages.addEventListener('click', (e) => {
      const i = tdAt.get(e.target);
      if (i !== undefined) moveTo(i);
    });
    // The heading is what the keyer checks against the paper first: bring it to the top of the window, just under
    // the message line, then the current cell (nearest scroll: it only moves when that cell is out of view).
    pages.focus({ preventScroll: true });
    window.scrollBy(0, box.getBoundingClientRect().top - msg.getBoundingClientRect().height - 8);
    moveTo(state.pos);
  }

  /** @param {string} [message] @param {string} [kind] */
  function closeForm(message, kind) {
    if (state) state.grid.removeEventListener('keydown', onKey);
    state = null;
    box.hidden = true;
    box.replaceChildren();
    serialInput.value = '';
    serialInput.focus();
    if (message) say(message, kind);
    showDrafts();
  }

  /** @param {string} value */
  function set(value) {
    state.values[state.pos] = value;
    paint(state.pos);
    if (state.pos < state.order.length - 1) moveTo(state.pos + 1);
    else {
      progress();
      say('Đã nhập ô cuối. Nhấn Enter để lưu lượt nhập.', 'ok');
    }
    // Saved after moving, so a restored draft resumes at the next cell to key.
    saveDraft();
  }

  /** @param {KeyboardEvent} e */
  function onKey(e) {
    if (!state || e.ctrlKey || e.altKey || e.metaKey) return;
    const k = e.key;
    const view = state.view;
    if (k === 'Enter') {
      e.preventDefault();
      save();
    } else if (k === 'Backspace') {
      e.preventDefault();
      // Back one cell and clear it: the keyer re-keys what they just mistyped.
      if (state.values[state.pos] === null && state.pos > 0) moveTo(state.pos - 1);
      state.values[state.pos] = null;
      paint(state.pos);
      saveDraft();
      progress();
    } else if (k === 'ArrowLeft' || k === 'ArrowUp') {
      e.preventDefault();
      moveTo(state.pos - 1);
    } else if (k === 'ArrowRight' || k === 'ArrowDown') {
      e.preventDefault();
      moveTo(state.pos + 1);
    } else if (k === 'Escape') {
      e.preventDefault();
      closeForm(`Đã đóng phiếu ${view.serial}; phần đã nhập được giữ lại trên máy này.`, '');
    } else if (k.length === 1) {
      e.preventDefault();
      const option = view.options.find((o) => o.code.toUpperCase() === k.toUpperCase());
      if (option) set(option.code);
      else if (k === '*') set('*');
      else if (view.blankKeys.includes(k)) set('');
      else
        say(
          `Phím “${k}” không dùng được. Mã hợp lệ: ${view.options.map((o) => o.code).join(' ')}, * (hỏng), ${view.blankKeys.includes('0') ? 'dấu cách hoặc 0' : 'dấu cách'} (trống).`,
          'error',
        );
    }
  }

  async function save() {
    const missing = state.values.findIndex((v) => v === null);
    if (missing >= 0) {
      const left = state.values.filter((v) => v === null).length;
      say(`Còn ${left} ô chưa nhập.`, 'error');
      moveTo(missing);
      return;
    }
    const view = state.view;
    const cells = state.order.map((c, i) => ({ unit: c.unit, question: c.question, answer: state.values[i] }));
    say(`Đang lưu phiếu ${view.serial}…`, '');
    let res;
    try {
      res = await fetch(`/entry/form/${encodeURIComponent(campaign)}/${encodeURIComponent(view.serial)}/pass`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'csrf-token': csrf, accept: 'application/json' },
        body: JSON.stringify({ cells }),
        credentials: 'same-origin',
      });
    } catch {
      say('Không kết nối được máy chủ. Phần đã nhập vẫn được giữ; thử lại bằng Enter.', 'error');
      return;
    }
    const data = await res.json().catch(() => ({}));
    if (!res.ok) {
      say(data.error || `Không lưu được (lỗi ${res.status}). Phần đã nhập vẫn được giữ.`, 'error');
      return;
    }
    dropDraft(view.serial);
    closeForm(`Đã lưu lượt ${data.pass} của phiếu ${data.serial} (${data.statusLabel}). Quét hoặc gõ số phiếu tiếp theo.`, 'ok');
  }

  // ---- the serial box -------------------------------------------------------------------------------------------------

  serialForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const raw = serialInput.value;
    // Spaces, hyphens and the invisible characters a paste can carry (as surveys/text.ts cleanText drops them); a
    // printed page's QR code reads "serial/page/pages/tag" (surveys/omr/layout-map.ts qrPayload): the serial is its first part.
    const s = raw.replace(/[\s\u00AD\u200B-\u200F\u2060\uFEFF-]/g, '').replace(/^(\d+)\/\d{1,3}\/\d{1,3}(?:\/[0-9A-Z]{4})?$/, '$1');
    /** @param {string} text */
    const fail = (text) => {
      say(text, 'error');
      serialInput.select();
    };
    if (s === '') return fail('Vui lòng nhập hoặc quét số phiếu.');
    if (!/^[0-9]+$/.test(s)) return fail(`Số phiếu “${raw.trim()}” chỉ gồm chữ số.`);
    if (s.length < rule.minLength) return fail(`Số phiếu “${raw.trim()}” quá ngắn (ít nhất ${rule.minLength} chữ số).`);
    if (damm(s) !== 0) return fail(`Số phiếu “${raw.trim()}” sai ký tự kiểm tra (gõ nhầm?). Vui lòng xem lại trên phiếu.`);
    if (state) state.grid.removeEventListener('keydown', onKey);
    let res;
    try {
      res = await fetch(`/entry/form/${encodeURIComponent(campaign)}/${s}`, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    } catch {
      return fail('Không kết nối được máy chủ.');
    }
    const data = await res.json().catch(() => ({}));
    if (!res.ok) {
      box.hidden = true;
      state = null;
      return fail(data.error || `Không mở được phiếu (lỗi ${res.status}).`);
    }
    render(data);
  });

  showDrafts();
  serialInput.focus();
})();

/** Reconciliation: choosing "another value" in its list ticks its button, so what the page shows is what is posted. */
(() => {
  'use strict';
  const form = document.querySelector('form.reconcile');
  if (!form) return;
  form.addEventListener('change', (e) => {
    const select = e.target;
    if (!(select instanceof HTMLSelectElement) || !select.name.startsWith('o.') || select.value === '') return;
    const radio = /** @type {HTMLInputElement | null} */ (
      form.querySelector(`input[type="radio"][name="d.${CSS.escape(select.name.slice(2))}"][value="other"]`)
    );
    if (radio) radio.checked = true;
  });
})();
