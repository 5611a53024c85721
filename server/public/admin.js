/* Console helpers: file pickers worded in Vietnamese, a file input that fills a textarea, and the printing choice that narrows home units to the chosen group. */
// @ts-check
/*
 * File pickers (partials/file-pick.hbs): the browser's own control reads "Choose File / No file chosen" in the
 * browser's language. Marked enhanced, the input moves out of sight (admin.css; still focusable, still submitted) and
 * its «Chọn tệp…» label and the chosen file's name show; without JavaScript the native control stays and works.
 */
document.querySelectorAll('.file-pick').forEach((pick) => {
  const input = /** @type {HTMLInputElement} */ (pick.querySelector('input[type=file]'));
  const name = pick.querySelector('.file-name');
  const none = name.textContent;
  const show = () => {
    name.textContent = input.files && input.files.length ? Array.from(input.files, (f) => f.name).join(', ') : none;
  };
  input.addEventListener('change', show);
  show(); // a file kept by the browser on back or reload
  pick.classList.add('enhanced');
});

/* Console helper: a file input with data-fill="<textarea id>" reads the chosen file into that textarea (no multipart upload needed). */
/** @type {NodeListOf<HTMLInputElement>} */ (document.querySelectorAll('input[type=file][data-fill]')).forEach((input) => {
  input.addEventListener('change', () => {
    const file = input.files && input.files[0];
    const target = /** @type {HTMLTextAreaElement | null} */ (document.getElementById(input.dataset.fill));
    if (!file || !target) return;
    const reader = new FileReader();
    reader.onload = () => {
      target.value = String(reader.result).replace(/^\uFEFF/, '');
      const name = input.dataset.name && /** @type {HTMLInputElement | null} */ (document.getElementById(input.dataset.name));
      if (name) name.value = file.name;
    };
    reader.readAsText(file, 'utf-8');
  });
});

/*
 * Printing choice: a group select with data-home-filter="<home select id>" narrows that list to the home units of the
 * chosen group (each option lists its groups in data-groups). Without JavaScript every home unit stays listed and
 * the server refuses a unit that is not the group's.
 */
/** @type {NodeListOf<HTMLSelectElement>} */ (document.querySelectorAll('select[data-home-filter]')).forEach((group) => {
  const home = /** @type {HTMLSelectElement | null} */ (document.getElementById(group.dataset.homeFilter));
  if (!home) return;
  const narrow = () => {
    const chosen = group.value;
    /** @type {NodeListOf<HTMLOptionElement>} */ (home.querySelectorAll('option[data-groups]')).forEach((o) => {
      const fits = !chosen || o.dataset.groups.split(' ').includes(chosen);
      o.hidden = !fits;
      o.disabled = !fits;
      if (!fits && o.selected) home.value = '';
    });
    home.querySelectorAll('optgroup').forEach((g) => {
      g.hidden = !g.querySelector('option:not([hidden])');
    });
  };
  group.addEventListener('change', narrow);
  narrow();
});
