/* Console helper: a file input with data-fill="<textarea id>" reads the chosen file into that textarea (no multipart upload needed). */
document.querySelectorAll('input[type=file][data-fill]').forEach((input) => {
  input.addEventListener('change', () => {
    const file = input.files && input.files[0];
    const target = document.getElementById(input.dataset.fill);
    if (!file || !target) return;
    const reader = new FileReader();
    reader.onload = () => {
      target.value = String(reader.result).replace(/^\uFEFF/, '');
      const name = input.dataset.name && document.getElementById(input.dataset.name);
      if (name) name.value = file.name;
    };
    reader.readAsText(file, 'utf-8');
  });
});
